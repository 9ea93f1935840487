using System.Net;
using System.Security.Cryptography;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Digests;

/// <summary>
/// Renders a digest once for all its recipients: the footer links and the RFC 8058 unsubscribe header are per-recipient
/// substitutions. The substitution keys carry a random nonce, so feed text cannot contain (and trigger) one.
/// </summary>
public sealed class DigestMailComposer(SubscriberLinks links)
{
    /// <summary>SendGrid accepts at most 10 categories per message.</summary>
    public const int MaxCategories = 10;

    public BulkMail Compose(Digest digest, string batchId, IReadOnlyList<(Subscriber Subscriber, string Key)> recipients)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(recipients);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var text = new DigestLinks($"-ra-manage-{nonce}-", $"-ra-unsubscribe-{nonce}-");
        var html = new DigestLinks($"-ra-manage-html-{nonce}-", $"-ra-unsubscribe-html-{nonce}-");
        return new BulkMail
        {
            Subject = DigestRenderer.Subject(digest),
            Html = DigestRenderer.Html(digest, html),
            Text = DigestRenderer.Text(digest, text),
            BatchId = batchId,
            Categories = [.. digest.Sections.Select(s => "sector-" + s.SectorId).Prepend("digest").Take(MaxCategories)],
            Recipients = [.. recipients.Select(r => Recipient(r.Subscriber, r.Key, text, html))],
        };
    }

    private MailRecipient Recipient(Subscriber subscriber, string key, DigestLinks text, DigestLinks html)
    {
        var manage = links.Manage(subscriber.Id).AbsoluteUri;
        var unsubscribe = links.Unsubscribe(subscriber.Id).AbsoluteUri;
        return new MailRecipient(
            subscriber.Email,
            key,
            subscriber.Id,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [text.Manage] = manage,
                [text.Unsubscribe] = unsubscribe,
                [html.Manage] = WebUtility.HtmlEncode(manage),
                [html.Unsubscribe] = WebUtility.HtmlEncode(unsubscribe),
            },
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // RFC 2369 + RFC 8058: mailbox providers show an unsubscribe button that POSTs to the link.
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            });
    }
}
