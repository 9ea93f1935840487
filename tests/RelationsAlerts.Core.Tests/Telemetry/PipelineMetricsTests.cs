using System.Diagnostics.Metrics;
using RelationsAlerts.Core.Telemetry;

namespace RelationsAlerts.Core.Tests.Telemetry;

/// <summary>The metric names and dimensions are a contract with the alert queries in infra/.</summary>
public sealed class PipelineMetricsTests
{
    [Fact]
    public void Metrics_PublishAlertContractNames_WithFeedDimension()
    {
        // Arrange
        using var metrics = new PipelineMetrics();
        var seen = new List<(string Name, long Value, string? FeedId)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? feedId = null;
            foreach (var tag in tags)
            {
                feedId = tag.Key == "feedId" ? tag.Value as string : feedId;
            }

            lock (seen)
            {
                seen.Add((instrument.Name, value, feedId));
            }
        });
        listener.Start();

        // Act
        metrics.RecordFeedPoll("f-1", failed: true);
        metrics.RecordFeedPoll("f-2", failed: false);
        metrics.RecordPoisonMessages(3);
        listener.RecordObservableInstruments();

        // Assert
        Assert.Contains(("feed_failures", 1L, "f-1"), seen);
        Assert.Contains(("feed_failures", 0L, "f-2"), seen);
        Assert.Contains(("digest_poison_messages", 3L, null), seen);
    }
}
