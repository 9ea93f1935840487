using Microsoft.Extensions.Options;

namespace RelationsAlerts.Core.Subscribers;

/// <summary>The public URLs in emails. All live under <c>/api/</c>, the Functions host's HTTP route prefix.</summary>
public sealed class SubscriberLinks(LinkSigner signer, IOptions<SignedLinkOptions> options, TimeProvider clock)
{
    public Uri Confirm(string subscriberId, string nonce) =>
        Build("api/subscriptions/confirm?token=", signer.Create(subscriberId, LinkPurpose.Confirm, clock.GetUtcNow() + options.Value.ConfirmationLifetime, nonce));

    public Uri Manage(string subscriberId) => Build("api/subscriptions/manage?token=", signer.Create(subscriberId, LinkPurpose.Manage));

    /// <summary>RFC 8058 one-click target: POST unsubscribes, GET only shows a confirmation page.</summary>
    public Uri Unsubscribe(string subscriberId) => Build("api/u/", signer.Create(subscriberId, LinkPurpose.Unsubscribe));

    private Uri Build(string path, string token) =>
        new(new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/"), path + Uri.EscapeDataString(token));
}
