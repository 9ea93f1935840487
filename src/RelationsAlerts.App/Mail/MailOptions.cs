namespace RelationsAlerts.App.Mail;

/// <summary>Where the local mail sender writes .eml files when no SendGrid key is configured.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    public string OutputDirectory { get; set; } = Path.Combine("out", "mail");
}
