using System.Net;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace RelationsAlerts.Azure.Email;

/// <summary>
/// Sends through SendGrid's v3 mail/send API with the official client on our shared HttpClient. The client's own
/// retries are off (they skip 429 and lose the response); a non-2xx becomes a <see cref="MailSendException"/>
/// and the queue's retry does the rest.
/// </summary>
public sealed class SendGridMailSender(HttpClient httpClient, IOptions<SendGridOptions> options) : IMailSender
{
    public const string HttpClientName = "sendgrid";

    private readonly SendGridClient client = new(httpClient, new SendGridClientOptions
    {
        ApiKey = options.Value.ApiKey,
        Host = string.IsNullOrWhiteSpace(options.Value.Host) ? "https://api.sendgrid.com" : options.Value.Host,
        HttpErrorAsException = false,
    });

    /// <inheritdoc/>
    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = Build(mail);
        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new MailSendException("sendgrid: " + ex.Message, isTransient: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailSendException("sendgrid: request timed out", isTransient: true, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
            return new MailReceipt("sendgrid", id);
        }

        var transient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
        throw new MailSendException($"sendgrid: HTTP {(int)response.StatusCode}", transient);
    }

    private SendGridMessage Build(OutgoingMail mail)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(options.Value.FromEmail, options.Value.FromName),
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
