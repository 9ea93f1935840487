using System.Security.Cryptography;
using System.Text;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Processing;

/// <summary>
/// The id an item is stored under, the same across feeds: SHA-256 of the canonical link, else of the entry id,
/// else of the normalised title and summary. Hex hashes are valid Table Storage keys.
/// </summary>
public static class ItemIdentity
{
    public static string Of(ParsedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = item.Link is { } link ? "url:" + UrlCanonicalizer.Canonicalize(link)
            : item.EntryId is { } id ? "id:" + id
            : "text:" + TextNormalizer.Normalize(item.Title + " " + item.Summary);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
