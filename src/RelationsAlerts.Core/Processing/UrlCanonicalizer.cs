using System.Web;

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

        var query = HttpUtility.ParseQueryString(url.Query);
        var kept = query.AllKeys
            .Where(k => k is not null && !TrackingNames.Contains(k) && !TrackingPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(k => k, StringComparer.Ordinal)
            .Select(k => $"{Uri.EscapeDataString(k!)}={Uri.EscapeDataString(query[k] ?? "")}");
        var path = url.AbsolutePath.Length > 1 ? url.AbsolutePath.TrimEnd('/') : "";
        var queryText = string.Join('&', kept);
        var port = url.IsDefaultPort ? "" : ":" + url.Port;
        return $"{host}{port}{path}{(queryText.Length > 0 ? "?" + queryText : "")}";
    }
}
