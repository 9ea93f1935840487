namespace RelationsAlerts.Core.Digests;

/// <summary>
/// One email body sent to many recipients in one request: <see cref="Subject"/>, <see cref="Html"/> and
/// <see cref="Text"/> contain each recipient's <see cref="MailRecipient.Substitutions"/> keys, which the transport
/// replaces per recipient (SendGrid personalizations).
/// </summary>
public sealed record BulkMail
{
    public required string Subject { get; init; }

    public required string Html { get; init; }

    public required string Text { get; init; }

    /// <summary>Stable id of this send (the job's digest id); transports put it in custom args.</summary>
    public required string BatchId { get; init; }

    public required IReadOnlyList<MailRecipient> Recipients { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];
}

/// <summary>One recipient of a <see cref="BulkMail"/>.</summary>
/// <param name="To">Address.</param>
/// <param name="IdempotencyKey">This recipient's digest id (file name of the local sink, custom arg in SendGrid).</param>
/// <param name="SubscriberId">Pseudonymous id for correlation (custom arg); never the address.</param>
/// <param name="Substitutions">Key → value replaced in subject and bodies for this recipient only.</param>
/// <param name="Headers">This recipient's headers (List-Unsubscribe).</param>
public sealed record MailRecipient(
    string To,
    string IdempotencyKey,
    string SubscriberId,
    IReadOnlyDictionary<string, string> Substitutions,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The recipient's copy of <paramref name="content"/>, substitutions applied (what the mail service delivers).</summary>
    public string Personalize(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        foreach (var (key, value) in Substitutions)
        {
            content = content.Replace(key, value, StringComparison.Ordinal);
        }

        return content;
    }
}
