using System.Net;
using RelationsAlerts.Core.Digests;

namespace RelationsAlerts.Core.Subscribers;

/// <summary>The confirmation email of a sign-up: plain text and a simple HTML twin with one button.</summary>
public static class TransactionalMail
{
    public static OutgoingMail Confirmation(string to, Uri confirmLink, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(confirmLink);
        var link = WebUtility.HtmlEncode(confirmLink.AbsoluteUri);
        return new OutgoingMail
        {
            To = to,
            Subject = "Confirm your Pakistan–Belarus news alerts",
            IdempotencyKey = idempotencyKey,
            Categories = ["confirmation"],
            Text = $"Someone (hopefully you) asked to receive RelationsAlerts digests about Pakistan–Belarus relations.\n\n" +
                   $"Confirm here: {confirmLink.AbsoluteUri}\n\nThe link works once and expires. If you did not ask for this, ignore this email.\n",
            Html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"color-scheme\" content=\"light dark\"></head>" +
                   "<body style=\"margin:0;padding:24px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\">" +
                   "<p>Someone (hopefully you) asked to receive RelationsAlerts digests about Pakistan–Belarus relations.</p>" +
                   $"<p><a href=\"{link}\" style=\"display:inline-block;padding:10px 18px;background:#0b6e4f;color:#ffffff;text-decoration:none;border-radius:4px;\">Confirm my subscription</a></p>" +
                   $"<p style=\"font-size:12px;color:#6b7280;\">Or open {link}<br>The link works once and expires. If you did not ask for this, ignore this email.</p></body></html>",
        };
    }
}
