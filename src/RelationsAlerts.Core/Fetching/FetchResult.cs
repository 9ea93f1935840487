namespace RelationsAlerts.Core.Fetching;

/// <summary>The outcome of one conditional GET. Expected failures are values, not exceptions.</summary>
public abstract record FetchResult
{
    private FetchResult()
    {
    }

    /// <summary>Freshness the server asked for (Cache-Control max-age, Expires, Retry-After), if any.</summary>
    public TimeSpan? ServerDelay { get; init; }

    public sealed record Fetched(byte[] Body, string? ContentType, string? ETag, string? LastModified, Uri FinalUrl, bool PermanentlyMoved) : FetchResult;

    public sealed record NotModified(string? ETag, string? LastModified) : FetchResult;

    public sealed record Failed(FetchFailureKind Kind, string Message) : FetchResult;
}
