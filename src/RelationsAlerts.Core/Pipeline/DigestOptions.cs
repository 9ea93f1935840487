using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.Core.Pipeline;

/// <summary>Digest content and sending. Bound from the <c>Digests</c> configuration section.</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digests";

    /// <summary>NCRONTAB (six fields, UTC) for ScheduleDigests; the Functions host reads <c>ScheduleDigestsSchedule</c>.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */15 * * * *";

    /// <summary>How far back a subscriber's first digest reaches.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan FirstDigestLookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Mail-service requests in flight at once for one job (a job can hold many content groups).</summary>
    [Range(1, 64)]
    public int ConcurrentSends { get; set; } = 8;

    /// <summary>A send claim older than this belongs to a crashed attempt.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
