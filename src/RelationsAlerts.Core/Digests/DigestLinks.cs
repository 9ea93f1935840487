namespace RelationsAlerts.Core.Digests;

/// <summary>The subscriber's signed links shown in a digest's footer (and the unsubscribe one in its headers).</summary>
public sealed record DigestLinks(Uri Manage, Uri Unsubscribe);
