namespace RelationsAlerts.Core.Digests;

/// <summary>
/// The links shown in a digest's footer (and the unsubscribe one in its headers): a subscriber's signed URLs, or the
/// per-recipient substitution keys of a mail sent to many recipients at once.
/// </summary>
public sealed record DigestLinks(string Manage, string Unsubscribe)
{
    public DigestLinks(Uri manage, Uri unsubscribe)
        : this(manage?.AbsoluteUri ?? throw new ArgumentNullException(nameof(manage)), unsubscribe?.AbsoluteUri ?? throw new ArgumentNullException(nameof(unsubscribe)))
    {
    }
}
