using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.App.Hosting;

/// <summary>Standalone queue listening; the defaults equal host.json's <c>extensions.queues</c> so both modes retry alike.</summary>
public sealed class QueueOptions
{
    public const string SectionName = "Queue";

    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(30);
}
