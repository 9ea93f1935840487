using System.Text;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Parsing;

public sealed class FeedTextDecoderTests
{
    private const string Russian = "Пакистан и Беларусь";
    private const string Urdu = "پاکستان اور بيلاروس"; // only letters windows-1256 can encode
    private const string Arabic = "باكستان وبيلاروسيا";

    static FeedTextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Decode_StripsBomAndReadsUtf8_WhenUtf8Bom()
    {
        // Arrange
        var bytes = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Feed(Russian, declaration: null))];

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, null);

        // Assert
        Assert.Equal(Encoding.UTF8.CodePage, encoding.CodePage);
        Assert.StartsWith("<rss", text, StringComparison.Ordinal);
        Assert.Contains(Russian, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 1200)]
    [InlineData(true, 1201)]
    public void Decode_ReadsUtf16_WhenBomPresent(bool bigEndian, int expectedCodePage)
    {
        // Arrange
        var utf16 = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = (byte[])[.. utf16.GetPreamble(), .. utf16.GetBytes(Feed(Russian, "utf-16"))];

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, null);

        // Assert
        Assert.Equal(expectedCodePage, encoding.CodePage);
        Assert.StartsWith("<?xml", text, StringComparison.Ordinal);
        Assert.Contains(Russian, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("windows-1251", Russian, null)]
    [InlineData("windows-1256", Urdu, null)]
    [InlineData("windows-1256", Arabic, null)]
    [InlineData("koi8-r", Russian, "text/xml")]
    public void Decode_UsesPrologEncoding_WhenDeclared(string charset, string sample, string? contentType)
    {
        // Arrange
        var bytes = Encoding.GetEncoding(charset).GetBytes(Feed(sample, charset));

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, contentType);

        // Assert
        Assert.Equal(charset, encoding.WebName, ignoreCase: true);
        Assert.Contains(sample, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/xml; charset=koi8-r")]
    [InlineData("application/rss+xml;charset=\"KOI8-R\"")]
    [InlineData("text/xml; charset = koi8-r; q=0.9")]
    public void Decode_UsesHttpCharset_WhenOnlyContentTypeDeclaresIt(string contentType)
    {
        // Arrange
        var bytes = Encoding.GetEncoding("koi8-r").GetBytes(Feed(Russian, declaration: null));

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, contentType);

        // Assert
        Assert.Equal("koi8-r", encoding.WebName, ignoreCase: true);
        Assert.Contains(Russian, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PrefersHttpCharset_OverPrologDeclaration()
    {
        // Arrange: the server transcoded to windows-1251 but left the prolog saying koi8-r.
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes(Feed(Russian, "koi8-r"));

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, "text/xml; charset=windows-1251");

        // Assert
        Assert.Equal("windows-1251", encoding.WebName, ignoreCase: true);
        Assert.Contains(Russian, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FallsBackToWindows1252_WhenInvalidUtf8WithoutDeclaration()
    {
        // Arrange: "Café — “quoted”" in windows-1252 is not valid UTF-8.
        var bytes = Encoding.GetEncoding(1252).GetBytes(Feed("Café — “quoted”", declaration: null));

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, null);

        // Assert
        Assert.Equal("windows-1252", encoding.WebName, ignoreCase: true);
        Assert.Contains("Café — “quoted”", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ReadsUtf8_WhenValidUtf8WithoutDeclaration()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(Feed(Urdu, declaration: null));

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, null);

        // Assert
        Assert.Equal(Encoding.UTF8.CodePage, encoding.CodePage);
        Assert.Contains(Urdu, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "utf-16")]
    [InlineData("text/xml; charset=utf-16", null)]
    public void Decode_IgnoresUtf16Label_WhenBytesAreUtf8WithoutBom(string? contentType, string? declaration)
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(Feed(Russian, declaration));

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, contentType);

        // Assert
        Assert.Equal(Encoding.UTF8.CodePage, encoding.CodePage);
        Assert.Contains(Russian, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/xml; charset=no-such-charset")]
    [InlineData("text/xml; charset=")]
    public void Decode_IgnoresUnknownHttpCharset_AndUsesProlog(string contentType)
    {
        // Arrange
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes(Feed(Russian, "windows-1251"));

        // Act
        var (text, encoding) = FeedTextDecoder.Decode(bytes, contentType);

        // Assert
        Assert.Equal("windows-1251", encoding.WebName, ignoreCase: true);
        Assert.Contains(Russian, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ReturnsEmptyText_WhenNoBytes()
    {
        // Act
        var (text, _) = FeedTextDecoder.Decode([], null);

        // Assert
        Assert.Equal("", text);
    }

    private static string Feed(string title, string? declaration) =>
        (declaration is null ? "" : $"<?xml version=\"1.0\" encoding=\"{declaration}\"?>\n")
        + $"<rss version=\"2.0\"><channel><title>{title}</title><item><title>{title}</title></item></channel></rss>";
}
