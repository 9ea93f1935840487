using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.Azure.Email;

/// <summary>SendGrid settings. With no <see cref="ApiKey"/> the app writes .eml files instead.</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    public string? ApiKey { get; set; }

    /// <summary>API base URL; tests point it at a local stub.</summary>
    [Url]
    public string? Host { get; set; }

    [EmailAddress]
    public string FromEmail { get; set; } = "digest@relationsalerts.example";

    public string FromName { get; set; } = "RelationsAlerts";

    /// <summary>Attempts per message on 429/5xx/network errors (1 = no retry); past that the queue retries the job.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First back-off delay; doubles per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest single wait: our own back-off is capped at it; a server's Retry-After longer than this fails the send at
    /// once for the queue to retry later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest wait for one request (connect, send, status and body); a slower answer counts as a transient failure.
    /// One message takes at most <see cref="MaxAttempts"/> × (this + <see cref="MaxDelay"/>) before the queue retries it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
