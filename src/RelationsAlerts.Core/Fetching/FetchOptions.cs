using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.Core.Fetching;

/// <summary>How feeds are fetched. Bound from the <c>Fetching</c> configuration section.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetching";

    [Required]
    public string UserAgent { get; set; } = "RelationsAlerts/1.0 (+https://github.com/relationsalerts/relationsalerts)";

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1024, 100 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 15 * 1024 * 1024;

    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Allows loopback addresses (local runs and tests only). Private, link-local and multicast stay blocked.</summary>
    public bool AllowLoopback { get; set; }
}
