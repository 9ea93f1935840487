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

    [Range(1, 64)]
    public int MaxParallelFeeds { get; set; } = 4;
}
