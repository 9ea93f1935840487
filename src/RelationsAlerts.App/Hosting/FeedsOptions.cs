using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.App.Hosting;

/// <summary>Feeds registered from configuration at start-up (admins add more over the API later).</summary>
public sealed class FeedsOptions : IValidatableObject
{
    public const string SectionName = "Feeds";

    public IList<ConfiguredFeed> Sources { get; init; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (feed, index) in Sources.Select((f, i) => (f, i)))
        {
            if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"Feeds:Sources:{index}:Url must be an absolute http(s) URL.", [nameof(Sources)]);
            }
        }
    }
}

public sealed class ConfiguredFeed
{
    public string Url { get; set; } = "";

    public string? Name { get; set; }
}
