using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;
using RelationsAlerts.Azure.Email;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Mail;

/// <summary>
/// Local transport: writes each email as a MIME .eml file (text/plain first, then text/html) named by its
/// idempotency key, so a retried digest overwrites nothing and never produces a second file.
/// </summary>
public sealed partial class EmlFileMailSender(IOptions<MailOptions> options, IOptions<SendGridOptions> sender) : IMailSender
{
    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var directory = Path.GetFullPath(options.Value.OutputDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, UnsafeFileChars().Replace(mail.IdempotencyKey, "_") + ".eml");
        var message = Build(mail);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            await message.WriteToAsync(file, cancellationToken);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already written by an earlier attempt: the email exists once.
        }

        return new MailReceipt("eml", path);
    }

    /// <summary>One file per recipient, substitutions applied: exactly what each recipient gets from SendGrid.</summary>
    public async Task<MailReceipt> SendBulkAsync(BulkMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        MailReceipt? receipt = null;
        foreach (var recipient in mail.Recipients)
        {
            receipt = await SendAsync(
                new OutgoingMail
                {
                    To = recipient.To,
                    Subject = recipient.Personalize(mail.Subject),
                    Html = recipient.Personalize(mail.Html),
                    Text = recipient.Personalize(mail.Text),
                    IdempotencyKey = recipient.IdempotencyKey,
                    Headers = recipient.Headers,
                    Categories = mail.Categories,
                },
                cancellationToken);
        }

        return new MailReceipt("eml", receipt?.MessageId);
    }

    private MimeMessage Build(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(sender.Value.FromName, sender.Value.FromEmail));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        foreach (var (name, value) in mail.Headers)
        {
            message.Headers.Add(name, value);
        }

        message.Headers.Add("X-Digest-Id", mail.IdempotencyKey);
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeFileChars();
}
