namespace RelationsAlerts.Core.Processing;

/// <summary>Canonical form of an article URL for duplicate detection: lower-case host without www, no default port, no fragment, no tracking parameters, no trailing slash.</summary>
public static class UrlCanonicalizer
{
    private static readonly string[] TrackingPrefixes = ["utm_", "mtm_", "_hs"];
    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "srsltid", "traffic_source", "ocid", "cmpid", "oc",
    };

    public static string Canonicalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        // Split by hand: a bare "?12345" is an article id, and ParseQueryString would file it under a null key.
        var kept = url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => (Pair: pair, Key: Uri.UnescapeDataString(pair.Split('=', 2)[0])))
            .Where(p => !TrackingNames.Contains(p.Key) && !TrackingPrefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Pair)
            .Order(StringComparer.Ordinal);
        var path = url.AbsolutePath.Length > 1 ? url.AbsolutePath.TrimEnd('/') : "";
        var queryText = string.Join('&', kept);
        var port = url.IsDefaultPort ? "" : ":" + url.Port;
        return $"{host}{port}{path}{(queryText.Length > 0 ? "?" + queryText : "")}";
    }
}
