namespace RelationsAlerts.App.Subscribers;

/// <summary>SendGrid Event Webhook verification. Without a public key the endpoint refuses every call.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Base64 DER SubjectPublicKeyInfo of the webhook's ECDSA P-256 key, from SendGrid's settings.</summary>
    public string? SendGridPublicKey { get; set; }

    /// <summary>How old a signed timestamp may be: SendGrid retries failed deliveries for up to 24 hours.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(25);
}
