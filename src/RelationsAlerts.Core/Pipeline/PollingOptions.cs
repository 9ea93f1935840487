using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>Polling cadence and limits. Bound from the <c>Polling</c> configuration section.</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>NCRONTAB (six fields, UTC) for PollFeeds; the Functions host reads the same value from the <c>PollFeedsSchedule</c> app setting.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */15 * * * *";

    /// <summary>Shortest time between two polls of one feed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Backoff after the first failure; doubles per consecutive failure up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Feeds refreshed at once. Politeness does not depend on it: the feed client keeps one connection (HTTP/1.1, so one
    /// request at a time) per host, so feeds on one host queue for it; more feeds at once overlap one feed's storage
    /// writes with the next feed's fetch and let story filing take larger batches.
    /// </summary>
    [Range(1, 64)]
    public int MaxParallelFeeds { get; set; } = 8;
}
