using System.Text;
using System.Text.RegularExpressions;

namespace RelationsAlerts.Core.Parsing;

/// <summary>
/// Picks a feed's character encoding the way browsers and good feed readers do:
/// BOM, then the HTTP charset, then the XML declaration, then valid UTF-8, then windows-1252.
/// </summary>
public static partial class FeedTextDecoder
{
    static FeedTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, Encoding Encoding) Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var encoding = FromBom(bytes, out var bomLength)
            ?? FromName(CharsetOf(contentType))
            ?? FromName(DeclaredEncoding(bytes))
            ?? (IsValidUtf8(bytes) ? new UTF8Encoding(false) : FromName("windows-1252")!);
        var text = encoding.GetString(bytes[bomLength..]);
        return (text, encoding);
    }

    private static Encoding? FromBom(ReadOnlySpan<byte> b, out int length)
    {
        (Encoding? encoding, length) = b switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding?)new UTF8Encoding(false), 3),
            [0xFF, 0xFE, 0, 0, ..] => (new UTF32Encoding(false, false), 4),
            [0, 0, 0xFE, 0xFF, ..] => (new UTF32Encoding(true, false), 4),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false), 2),
            [0x3C, 0, 0x3F, 0, ..] => (new UnicodeEncoding(false, false), 0),
            [0, 0x3C, 0, 0x3F, ..] => (new UnicodeEncoding(true, false), 0),
            _ => (null, 0),
        };
        return encoding;
    }

    private static string? CharsetOf(string? contentType) =>
        contentType is null ? null : CharsetRegex().Match(contentType) is { Success: true } m ? m.Groups[1].Value : null;

    private static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        // The declaration is ASCII by definition, so reading the first bytes as Latin-1 is safe.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 256)]);
        return DeclarationRegex().Match(head) is { Success: true } m ? m.Groups[1].Value : null;
    }

    private static Encoding? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            var encoding = Encoding.GetEncoding(name.Trim().Trim('"', '\''));
            // A UTF-16 label on bytes without a BOM or NULs is a lie (the bytes were transcoded); UTF-8 is the safe reading.
            return encoding is UnicodeEncoding ? null : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    [GeneratedRegex(@"charset\s*=\s*[""']?([\w.:-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetRegex();

    [GeneratedRegex(@"^\s*<\?xml[^>]*encoding\s*=\s*[""']([\w.:-]+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex DeclarationRegex();
}
