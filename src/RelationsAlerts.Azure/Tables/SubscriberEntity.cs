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

    public int PreferredHour { get; set; } = 8;

    public string WeeklyDay { get; set; } = nameof(DayOfWeek.Monday);

    public string? PendingPreferences { get; set; }

    public string? ConfirmationNonce { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset? UnsubscribedAt { get; set; }

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
        PreferredHour = subscriber.PreferredHour,
        WeeklyDay = subscriber.WeeklyDay.ToString(),
        PendingPreferences = subscriber.PendingPreferences is null ? null : TableJson.Write(subscriber.PendingPreferences),
        ConfirmationNonce = subscriber.ConfirmationNonce,
        CreatedAt = subscriber.CreatedAt,
        ConfirmedAt = subscriber.ConfirmedAt,
        UnsubscribedAt = subscriber.UnsubscribedAt,
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
        PreferredHour = PreferredHour,
        WeeklyDay = Enum.TryParse<DayOfWeek>(WeeklyDay, out var day) ? day : DayOfWeek.Monday,
        PendingPreferences = TableJson.Read<SubscriptionPreferences?>(PendingPreferences, null),
        ConfirmationNonce = ConfirmationNonce,
        CreatedAt = CreatedAt,
        ConfirmedAt = ConfirmedAt,
        UnsubscribedAt = UnsubscribedAt,
    };
}
