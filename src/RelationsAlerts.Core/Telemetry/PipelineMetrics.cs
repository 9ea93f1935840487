using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RelationsAlerts.Core.Telemetry;

/// <summary>
/// The pipeline's metrics and traces (OpenTelemetry-compatible <see cref="Meter"/> and <see cref="ActivitySource"/>).
/// Names are a contract with the alerts in infra/modules/alerts.bicep: <c>feed_failures</c> (1 failed / 0 succeeded,
/// per feed per poll, dimension <c>feedId</c>) and <c>digest_poison_messages</c> (poison queue length).
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string Name = "RelationsAlerts";

    private readonly Meter meter = new(Name);
    private long poisonMessages;

    public PipelineMetrics()
    {
        ItemsFetched = meter.CreateCounter<long>("items_fetched", description: "Feed entries read");
        ItemsKept = meter.CreateCounter<long>("items_kept", description: "Entries about Pakistan–Belarus relations");
        ItemsDropped = meter.CreateCounter<long>("items_dropped", description: "Entries judged not relevant");
        ItemsNew = meter.CreateCounter<long>("items_new", description: "Relevant entries stored for the first time");
        StoriesFormed = meter.CreateCounter<long>("stories_formed", description: "New stories started");
        DigestsSent = meter.CreateCounter<long>("digests_sent", description: "Digest emails accepted by the mail transport");
        SendFailures = meter.CreateCounter<long>("send_failures", description: "Digest sends the transport refused or failed");
        FeedFailures = meter.CreateCounter<long>("feed_failures", description: "1 when a feed's poll failed, 0 when it succeeded");
        meter.CreateObservableGauge("digest_poison_messages", () => Interlocked.Read(ref poisonMessages), description: "Messages in the digest poison queue");
    }

    public static ActivitySource Tracing { get; } = new(Name);

    public Counter<long> ItemsFetched { get; }

    public Counter<long> ItemsKept { get; }

    public Counter<long> ItemsDropped { get; }

    public Counter<long> ItemsNew { get; }

    public Counter<long> StoriesFormed { get; }

    public Counter<long> DigestsSent { get; }

    public Counter<long> SendFailures { get; }

    public Counter<long> FeedFailures { get; }

    public void RecordFeedPoll(string feedId, bool failed) =>
        FeedFailures.Add(failed ? 1 : 0, new KeyValuePair<string, object?>("feedId", feedId));

    public void RecordPoisonMessages(long count) => Interlocked.Exchange(ref poisonMessages, count);

    public void Dispose() => meter.Dispose();
}
