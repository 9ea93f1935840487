using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Azure.Tables;

internal sealed class SubscriberEntity : ITableEntity
{
    public const string Partition = "subscriber";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Email { get; set; } = "";

    public string Sectors { get; set; } = "[]";

    public string Frequency { get; set; } = nameof(DigestFrequency.Daily);

    public string TimeZone { get; set; } = "UTC";

    public string Status { get; set; } = nameof(SubscriberStatus.Pending);

    public DateTimeOffset? LastDigestUntil { get; set; }

    public string? DigestInFlight { get; set; }

    public DateTimeOffset? DigestInFlightAt { get; set; }

    public static SubscriberEntity From(Subscriber subscriber) => new()
    {
        RowKey = subscriber.Id,
        ETag = subscriber.ETag is { } etag ? new ETag(etag) : default,
        Email = subscriber.Email,
        Sectors = TableJson.Write(subscriber.Sectors),
        Frequency = subscriber.Frequency.ToString(),
        TimeZone = subscriber.TimeZone,
        Status = subscriber.Status.ToString(),
        LastDigestUntil = subscriber.LastDigestUntil,
        DigestInFlight = subscriber.DigestInFlight,
        DigestInFlightAt = subscriber.DigestInFlightAt,
    };

    public Subscriber ToSubscriber() => new()
    {
        Id = RowKey,
        ETag = ETag.ToString(),
        Email = Email,
        Sectors = TableJson.Read<string[]>(Sectors, []),
        Frequency = Enum.TryParse<DigestFrequency>(Frequency, out var frequency) ? frequency : DigestFrequency.Daily,
        TimeZone = TimeZone,
        Status = Enum.TryParse<SubscriberStatus>(Status, out var status) ? status : SubscriberStatus.Pending,
        LastDigestUntil = LastDigestUntil,
        DigestInFlight = DigestInFlight,
        DigestInFlightAt = DigestInFlightAt,
    };
}
