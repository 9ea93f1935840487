using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Admin;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Feeds;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App.Tests.Hosting;

/// <summary>The curated live list in feeds.default.json and the switch that registers it.</summary>
public sealed class DefaultFeedSourcesTests
{
    private static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, DefaultFeedSources.FileName);

    [Fact]
    public void File_Parses_WithAbsoluteHttpsUrls_UniqueIds_AndNotes()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddJsonFile(FilePath, optional: false).Build();

        // Act
        var options = configuration.GetSection(FeedsOptions.SectionName).Get<FeedsOptions>()!;
        var sources = options.DefaultSources;

        // Assert
        Assert.True(sources.Count >= 20, $"{sources.Count} sources");
        Assert.Empty(options.Validate(new ValidationContext(options)));
        Assert.All(sources, s =>
        {
            Assert.True(Uri.TryCreate(s.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps, $"{s.Id}: {s.Url} is not absolute https");
            Assert.False(string.IsNullOrWhiteSpace(s.Id));
            Assert.False(string.IsNullOrWhiteSpace(s.Name));
            Assert.False(string.IsNullOrWhiteSpace(s.Note), $"{s.Id} has no note");
            Assert.True(FeedTypes.TryParse(s.Type, out _), $"{s.Id}: type {s.Type}");
            Assert.Contains(s.Language, new[] { "en", "ru", "ur" });
        });
        Assert.Equal(sources.Count, sources.Select(s => s.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(sources.Count, sources.Select(s => FeedIds.FromUrl(new Uri(s.Url))).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void File_CoversEveryLanguage_AndTheSearchFeeds()
    {
        // Arrange
        var sources = new ConfigurationBuilder().AddJsonFile(FilePath, optional: false).Build()
            .GetSection(FeedsOptions.SectionName).Get<FeedsOptions>()!.DefaultSources;

        // Assert
        Assert.Equal(["google-news", "google-news", "google-news"], sources.Where(s => s.Url.StartsWith("https://news.google.com/rss/search?", StringComparison.Ordinal)).Select(s => s.Type));
        Assert.Contains(sources, s => s.Url.Contains("hl=en-PK&gl=PK&ceid=PK:en", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Url.Contains("hl=ru&gl=BY&ceid=BY:ru", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Url.Contains("ceid=PK:ur", StringComparison.Ordinal));
        var gdelt = sources.Where(s => s.Type == "gdelt").ToList();
        Assert.All(gdelt, s => Assert.Contains("mode=ArtList&format=json", s.Url, StringComparison.Ordinal));
        Assert.Contains(gdelt, s => s.Url.Contains("sourcecountry:PK", StringComparison.Ordinal));
        Assert.Contains(gdelt, s => s.Url.Contains("sourcecountry:BO", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, s => s.Url.Contains("sourcecountry:BY", StringComparison.Ordinal)); // GDELT uses FIPS codes
        Assert.Equal(["en", "ru", "ur"], sources.Select(s => s.Language!).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Builder_LoadsTheList_OnlyWhenSwitchedOn(string? useDefaults, bool expected)
    {
        // Arrange
        var overrides = new Dictionary<string, string?> { ["Feeds:UseDefaultSources"] = useDefaults, ["Feeds:Sources:0:Url"] = "https://example.org/own.xml" };

        // Act
        await using var app = RelationsAlertsBuilder.Build([], HostingMode.RunOnce, overrides);
        var options = app.Services.GetRequiredService<IOptions<FeedsOptions>>().Value;

        // Assert
        Assert.Equal("https://example.org/own.xml", options.Registered.First().Url);
        Assert.Equal(expected, options.Registered.Count() > 20);
    }

    [Fact]
    public async Task Initializer_RegistersTheList_WithTypesAndPausedEntries()
    {
        // Arrange
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var host = await AppHost.StartAsync(azurite.ConnectionString, "q-" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?> { ["Feeds:UseDefaultSources"] = "true" });

        // Act
        await host.Services.GetRequiredService<AppInitializer>().EnsureInitializedAsync(TestContext.Current.CancellationToken);
        var feeds = await host.Services.GetRequiredService<IFeedStore>().ListAsync(TestContext.Current.CancellationToken);

        // Assert
        var expected = host.Services.GetRequiredService<IOptions<FeedsOptions>>().Value.DefaultSources;
        Assert.All(expected, s => Assert.Contains(feeds, f => f.Url == new Uri(s.Url)));
        Assert.Equal(3, feeds.Count(f => f.Type == FeedType.Gdelt));
        Assert.Equal(3, feeds.Count(f => f.Type == FeedType.GoogleNews));
        Assert.Equal(["https://eng.belta.by/rss"], feeds.Where(f => f.Paused).Select(f => f.Url.AbsoluteUri));
        Assert.Equal("Dawn — Pakistan", feeds.Single(f => f.Url == new Uri("https://www.dawn.com/feeds/pakistan")).Name);
    }
}
