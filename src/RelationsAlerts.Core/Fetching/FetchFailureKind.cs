namespace RelationsAlerts.Core.Fetching;

/// <summary>Why a fetch failed; stored on the feed so admins see what went wrong.</summary>
public enum FetchFailureKind
{
    Network,
    Timeout,
    HttpStatus,
    TooLarge,
    TooManyRedirects,
    Blocked,
    EmptyBody,
    Parse,
}
