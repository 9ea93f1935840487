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
        // We send our own List-Unsubscribe; SendGrid's tracking would add a second one and rewrite links.
        message.SetSubscriptionTracking(false);
        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);
        return message;
    }
}
