using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.Azure.Email;

/// <summary>SendGrid settings. With no <see cref="ApiKey"/> the app writes .eml files instead.</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    public string? ApiKey { get; set; }

    /// <summary>API base URL; tests point it at a local stub.</summary>
    [Url]
    public string? Host { get; set; }

    [EmailAddress]
    public string FromEmail { get; set; } = "digest@relationsalerts.example";

    public string FromName { get; set; } = "RelationsAlerts";
}
