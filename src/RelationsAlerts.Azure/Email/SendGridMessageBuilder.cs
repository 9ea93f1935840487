using RelationsAlerts.Core.Digests;
using SendGrid.Helpers.Mail;

namespace RelationsAlerts.Azure.Email;

/// <summary>Maps an <see cref="OutgoingMail"/> to SendGrid's v3 message: text before HTML, our own List-Unsubscribe, no tracking.</summary>
internal static class SendGridMessageBuilder
{
    public static SendGridMessage Build(OutgoingMail mail, SendGridOptions options)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(options.FromEmail, options.FromName),
            PlainTextContent = mail.Text,
            HtmlContent = mail.Html,
        };
        message.SetGlobalSubject(mail.Subject);
        message.AddTo(new EmailAddress(mail.To));
        foreach (var (name, value) in mail.Headers)
        {
            message.AddHeader(name, value);
        }

        if (mail.Categories.Count > 0)
        {
            message.AddCategories([.. mail.Categories]);
        }

        message.AddCustomArg("digest_id", mail.IdempotencyKey);
        return WithoutTracking(message);
    }

    /// <summary>
    /// One message, one personalization per recipient (their address, substitutions, List-Unsubscribe headers and custom
    /// args); the subject, bodies and categories are shared.
    /// </summary>
    public static SendGridMessage Build(BulkMail mail, SendGridOptions options)
    {
        if (mail.Recipients.Count is 0 or > DigestRequest.MaxRecipients)
        {
            throw new ArgumentException($"A request carries 1 to {DigestRequest.MaxRecipients} recipients, not {mail.Recipients.Count}.", nameof(mail));
        }

        var message = new SendGridMessage
        {
            From = new EmailAddress(options.FromEmail, options.FromName),
            PlainTextContent = mail.Text,
            HtmlContent = mail.Html,
            Personalizations = [.. mail.Recipients.Select(r => new Personalization
            {
                Tos = [new EmailAddress(r.To)],
                Substitutions = r.Substitutions.ToDictionary(),
                Headers = r.Headers.ToDictionary(),
                CustomArgs = new Dictionary<string, string>(StringComparer.Ordinal) { ["digest_id"] = r.IdempotencyKey, ["subscriber_id"] = r.SubscriberId },
            })],
        };
        message.SetGlobalSubject(mail.Subject);
        if (mail.Categories.Count > 0)
        {
            message.AddCategories([.. mail.Categories]);
        }

        message.AddGlobalCustomArg("batch_id", mail.BatchId);
        return WithoutTracking(message);
    }

    private static SendGridMessage WithoutTracking(SendGridMessage message)
    {
        // We send our own List-Unsubscribe; SendGrid's tracking would add a second one and rewrite links.
        message.SetSubscriptionTracking(false);
        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);
        return message;
    }
}
