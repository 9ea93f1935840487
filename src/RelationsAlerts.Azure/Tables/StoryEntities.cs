using Azure;
using Azure.Data.Tables;

namespace RelationsAlerts.Azure.Tables;

/// <summary>
/// A row of a story's partition in the <c>stories</c> table: the header (RowKey <c>story</c>, who started it) or one
/// member (RowKey <c>m-{item}</c>, the report and its outlet).
/// </summary>
internal sealed class StoryEntity : ITableEntity
{
    public const string HeaderRow = "story";
    public const string MemberPrefix = "m-";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Header: the report that started the story.</summary>
    public string? FirstItemId { get; set; }

    /// <summary>Member: the report.</summary>
    public string? ItemId { get; set; }

    public string? Outlet { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public bool IsMember => RowKey.StartsWith(MemberPrefix, StringComparison.Ordinal);
}

/// <summary>
/// One report in the candidate index (the <c>storybands</c> table): partition <c>d-{yyyyMMdd}</c> (the UTC day it was
/// published), RowKey inverted publication ticks + item (newest first, so a time window is one RowKey range), with its
/// story, features and LSH band keys; candidates are the rows of the days around a batch that share a band key.
/// </summary>
internal sealed class StoryIndexEntity : ITableEntity
{
    public const string PartitionPrefix = "d-";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ItemId { get; set; } = "";

    public string StoryId { get; set; } = "";

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The report's <c>StoryFeatures</c> as JSON.</summary>
    public string Features { get; set; } = "{}";

    /// <summary>The report's band keys, separated by spaces.</summary>
    public string BandKeys { get; set; } = "";
}
