using System.ComponentModel.DataAnnotations;
using RelationsAlerts.App.Admin;

namespace RelationsAlerts.App.Hosting;

/// <summary>Feeds registered from configuration at start-up (admins add more over the API later).</summary>
public sealed class FeedsOptions : IValidatableObject
{
    public const string SectionName = "Feeds";

    public IList<ConfiguredFeed> Sources { get; init; } = [];

    /// <summary>Also register the curated live list (<see cref="DefaultFeedSources.FileName"/>), bound to <see cref="DefaultSources"/>.</summary>
    public bool UseDefaultSources { get; set; }

    /// <summary>The curated list; filled from <see cref="DefaultFeedSources.FileName"/> only when <see cref="UseDefaultSources"/> is set.</summary>
    public IList<ConfiguredFeed> DefaultSources { get; init; } = [];

    /// <summary>What start-up registers: <see cref="Sources"/>, then the curated list when it is switched on.</summary>
    public IEnumerable<ConfiguredFeed> Registered => UseDefaultSources ? Sources.Concat(DefaultSources) : Sources;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Validate(Sources, nameof(Sources)).Concat(Validate(DefaultSources, nameof(DefaultSources)));

    private static IEnumerable<ValidationResult> Validate(IList<ConfiguredFeed> feeds, string name)
    {
        foreach (var (feed, index) in feeds.Select((f, i) => (f, i)))
        {
            if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"Feeds:{name}:{index}:Url must be an absolute http(s) URL.", [name]);
            }

            if (feed.Type is not null && !FeedTypes.TryParse(feed.Type, out _))
            {
                yield return new ValidationResult($"Feeds:{name}:{index}:Type must be one of: {string.Join(", ", FeedTypes.Names)}.", [name]);
            }
        }
    }
}

public sealed class ConfiguredFeed
{
    public string Url { get; set; } = "";

    public string? Name { get; set; }

    /// <summary>A stable, human-readable key of a curated entry (stored feeds are keyed by URL hash).</summary>
    public string? Id { get; set; }

    /// <summary>The API name of a <see cref="Core.Feeds.FeedType"/> (<c>rss</c>, <c>atom</c>, <c>google-news</c>, <c>gdelt</c>); RSS when absent.</summary>
    public string? Type { get; set; }

    /// <summary>The feed's language (en, ru, ur), for people reading the list.</summary>
    public string? Language { get; set; }

    /// <summary>What the feed covers and how sure we are of its URL.</summary>
    public string? Note { get; set; }

    /// <summary>Registered paused (a known-broken URL kept for reference); an admin can resume it.</summary>
    public bool Paused { get; set; }
}
