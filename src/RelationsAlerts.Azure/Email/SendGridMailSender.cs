using System.Net;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace RelationsAlerts.Azure.Email;

/// <summary>
/// Sends through SendGrid's v3 mail/send API with the official client on our shared HttpClient. The client's own
/// retries are off (they skip 429 and lose the response); our loop retries 429 (honouring Retry-After), 5xx,
/// network failures and attempts that took longer than <see cref="SendGridOptions.RequestTimeout"/>, with exponential
/// back-off and jitter capped at <see cref="SendGridOptions.MaxDelay"/>, a bounded number of times. Other 4xx are final.
/// </summary>
public sealed class SendGridMailSender(HttpClient httpClient, IOptions<SendGridOptions> options, TimeProvider clock) : IMailSender
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
        return await SendMessageAsync(SendGridMessageBuilder.Build(mail, options.Value), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<MailReceipt> SendBulkAsync(BulkMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return await SendMessageAsync(SendGridMessageBuilder.Build(mail, options.Value), cancellationToken);
    }

    private async Task<MailReceipt> SendMessageAsync(SendGridMessage message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (receipt, failure, retryAfter) = await TrySendAsync(message, cancellationToken);
            if (receipt is not null)
            {
                return receipt;
            }

            // A server asking for a longer pause than we wait in-process gets it from the queue's retry instead.
            if (!failure!.IsTransient || attempt >= options.Value.MaxAttempts || retryAfter > options.Value.MaxDelay)
            {
                throw failure;
            }

            await Task.Delay(Backoff(attempt, retryAfter), clock, cancellationToken);
        }
    }

    private async Task<(MailReceipt? Receipt, MailSendException? Failure, TimeSpan? RetryAfter)> TrySendAsync(SendGridMessage message, CancellationToken cancellationToken)
    {
        Response response;
        using var timeout = new CancellationTokenSource(options.Value.RequestTimeout, clock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            response = await client.SendEmailAsync(message, attempt.Token);
        }
        catch (HttpRequestException ex)
        {
            return (null, new MailSendException("sendgrid: " + ex.Message, isTransient: true, ex), null);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new MailSendException($"sendgrid: no answer within {options.Value.RequestTimeout} (SendGrid:RequestTimeout)", isTransient: true, ex), null);
        }

        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
            return (new MailReceipt("sendgrid", id), null, null);
        }

        var transient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date - clock.GetUtcNow())
            : null;
        return (null, new MailSendException($"sendgrid: HTTP {(int)response.StatusCode}", transient), retryAfter);
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = options.Value.BaseDelay * Math.Pow(2, attempt - 1);
        // Full jitter on top keeps a fleet of senders from retrying in lock step.
        var jitter = options.Value.BaseDelay * Random.Shared.NextDouble();
        var wait = (retryAfter is { } server && server > exponential ? server : exponential) + jitter;
        // Capped rather than given up: MaxAttempts holds whatever BaseDelay is (Retry-After above MaxDelay never gets here).
        return wait < options.Value.MaxDelay ? wait : options.Value.MaxDelay;
    }
}
