using Azure;
using Azure.Data.Tables;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Azure.Tables;

internal sealed class TopicEntity : ITableEntity
{
    public const string Partition = "topic";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string DisplayName { get; set; } = "";

    public string Description { get; set; } = "";

    public string Include { get; set; } = "{}";

    public string Exclude { get; set; } = "{}";

    public bool Enabled { get; set; } = true;

    public static TopicEntity From(Topic topic) => new()
    {
        RowKey = topic.Id,
        DisplayName = topic.DisplayName,
        Description = topic.Description,
        Include = TableJson.Write(topic.Include),
        Exclude = TableJson.Write(topic.Exclude),
        Enabled = topic.Enabled,
        ETag = topic.ETag is { } etag ? new ETag(etag) : default,
    };

    public Topic ToTopic() => new()
    {
        Id = RowKey,
        DisplayName = DisplayName,
        Description = Description,
        Include = TableJson.Read<Dictionary<string, string[]>>(Include, []).ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value),
        Exclude = TableJson.Read<Dictionary<string, string[]>>(Exclude, []).ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value),
        Enabled = Enabled,
        ETag = ETag.ToString(),
    };
}
