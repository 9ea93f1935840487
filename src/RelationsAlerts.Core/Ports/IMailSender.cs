using RelationsAlerts.Core.Digests;

namespace RelationsAlerts.Core.Ports;

/// <summary>Sends rendered email.</summary>
public interface IMailSender
{
    /// <summary>Sends the mail. Transient failures throw <see cref="MailSendException"/> with <c>IsTransient</c> set.</summary>
    Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends one body to up to 1,000 recipients in one request, each with their own substitutions and headers. All or
    /// nothing: either the transport accepted the request for every recipient or it throws <see cref="MailSendException"/>.
    /// </summary>
    Task<MailReceipt> SendBulkAsync(BulkMail mail, CancellationToken cancellationToken = default);
}

/// <summary>What the mail transport told us about an accepted message.</summary>
public sealed record MailReceipt(string Transport, string? MessageId);

/// <summary>The transport refused or failed to take the message.</summary>
public sealed class MailSendException(string message, bool isTransient, Exception? inner = null) : Exception(message, inner)
{
    public bool IsTransient { get; } = isTransient;
}
