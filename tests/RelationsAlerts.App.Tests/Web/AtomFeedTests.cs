using System.Net;
using System.Xml.Linq;
using RelationsAlerts.App.Tests.Infrastructure;
using RelationsAlerts.App.Web;
using RelationsAlerts.Azure.Tests.Infrastructure;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.App.Tests.Web;

/// <summary>Atom 1.0 feeds, read back with our own <see cref="FeedParser"/> and checked against RFC 4287's required elements.</summary>
public sealed class AtomFeedTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private WebSite site = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => site = await WebSite.StartAsync(azurite);

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task SectorFeed_ParsesWithOurFeedParser_WithStableIdsDatesAndLinks()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var other = await site.AddSectorAsync();
        var now = DateTimeOffset.UtcNow;
        var newer = await site.AddItemAsync(sector.Id, now.AddMinutes(-1), "Belarus tractors for Punjab", source: "Dawn");
        var older = await site.AddItemAsync(sector.Id, now.AddHours(-2), "JMC meets in Minsk", source: "BelTA");
        await site.AddItemAsync(other.Id, now.AddMinutes(-3), "Not in this feed");
        var url = new Uri(site.Host.BaseAddress, AtomFeed.Path(sector.Id));

        // Act
        var (feed, document) = await ReadAsync(url);

        // Assert
        Assert.Equal($"RelationsAlerts: Pakistan–Belarus relations ({sector.DisplayName})", feed.Title);
        Assert.Equal(new Uri(site.Host.BaseAddress, $"/api/archive?sector={sector.Id}"), feed.Link);
        Assert.Equal("RelationsAlerts", feed.Author);
        Assert.Equal([newer.Title, older.Title], feed.Items.Select(i => i.Title));
        var first = feed.Items[0];
        Assert.Equal($"tag:relationsalerts,2026:item/{newer.Id}", first.EntryId);
        Assert.Equal(newer.Link, first.Link);
        Assert.Equal("Dawn", first.Author);
        Assert.Equal(newer.PublishedAt!.Value.ToUnixTimeSeconds(), first.PublishedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(newer.FirstSeenAt.ToUnixTimeSeconds(), first.UpdatedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(newer.Summary, first.Summary);
        AssertAtomStructure(document, url);
        Assert.Equal(sector.Id, document.Root!.Elements(Atom + "entry").First().Element(Atom + "category")!.Attribute("term")!.Value);
    }

    [Fact]
    public async Task AllFeed_HasEverySector_AndIsStableAcrossRequests()
    {
        // Arrange
        var a = await site.AddSectorAsync();
        var b = await site.AddSectorAsync();
        var inA = await site.AddItemAsync(a.Id, DateTimeOffset.UtcNow.AddMinutes(-1));
        var inB = await site.AddItemAsync(b.Id, DateTimeOffset.UtcNow.AddMinutes(-2));
        var url = new Uri(site.Host.BaseAddress, WebLayout.AllFeedPath);

        // Act
        var (feed, document) = await ReadAsync(url);
        var again = await site.Client.GetStringAsync(url, Ct);

        // Assert
        Assert.Contains(feed.Items, i => i.EntryId == $"tag:relationsalerts,2026:item/{inA.Id}");
        Assert.Contains(feed.Items, i => i.EntryId == $"tag:relationsalerts,2026:item/{inB.Id}");
        Assert.Equal("tag:relationsalerts,2026:feed/all", document.Root!.Element(Atom + "id")!.Value);
        Assert.Equal(document.ToString(), XDocument.Parse(again).ToString());
        AssertAtomStructure(document, url);
    }

    [Fact]
    public async Task Feed_EncodesUntrustedText_DropsUnsafeLinks_AndBadCharacters()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var item = await site.AddItemAsync(
            sector.Id, DateTimeOffset.UtcNow.AddMinutes(-1), "Tariffs <b>&</b> \u0001quotas \"now\"",
            source: "Outlet </name><evil/>", link: new Uri("javascript:alert(1)"), summary: "]]> <script>x</script>");
        var url = new Uri(site.Host.BaseAddress, AtomFeed.Path(sector.Id));

        // Act
        var (feed, document) = await ReadAsync(url);

        // Assert
        var entry = Assert.Single(feed.Items);
        Assert.Equal("Tariffs <b>&</b> quotas \"now\"", document.Root!.Element(Atom + "entry")!.Element(Atom + "title")!.Value);
        Assert.Equal("Outlet </name><evil/>", entry.Author);
        Assert.Equal(new Uri(site.Host.BaseAddress, new ArchiveStory(item.Id, [item]).Path), entry.Link);
        Assert.DoesNotContain("javascript:", document.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(document.Descendants(Atom + "entry").Elements(), e => e.Name.Namespace != Atom);
        AssertAtomStructure(document, url);
    }

    [Fact]
    public async Task Story_IsOneEntry_WithAnAuthorPerOutlet()
    {
        // Arrange
        var sector = await site.AddSectorAsync();
        var now = DateTimeOffset.UtcNow;
        var storyId = "st-" + Guid.NewGuid().ToString("N")[..12];
        var first = await site.AddAsync(TestData.Item(sector.Id, now.AddHours(-2)) with { StoryId = storyId, Source = "Dawn" });
        var second = await site.AddAsync(TestData.Item(sector.Id, now.AddMinutes(-5)) with { StoryId = storyId, Source = "BelTA" });
        var url = new Uri(site.Host.BaseAddress, AtomFeed.Path(sector.Id));

        // Act
        var (feed, document) = await ReadAsync(url);

        // Assert
        var entry = Assert.Single(feed.Items);
        Assert.Equal($"tag:relationsalerts,2026:story/{storyId}", entry.EntryId);
        Assert.Equal(first.Title, entry.Title);
        Assert.Equal(second.FirstSeenAt.ToUnixTimeSeconds(), entry.UpdatedAt!.Value.ToUnixTimeSeconds());
        var authors = document.Root!.Element(Atom + "entry")!.Elements(Atom + "author").Select(a => a.Element(Atom + "name")!.Value);
        Assert.Equal(["Dawn", "BelTA"], authors);
        AssertAtomStructure(document, url);
    }

    [Fact]
    public async Task UnknownSector_Returns404()
    {
        // Act
        var response = await site.Client.GetAsync(new Uri("/api/feeds/no-such-sector.atom", UriKind.Relative), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(ParsedFeed Feed, XDocument Document)> ReadAsync(Uri url)
    {
        var response = await site.Client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        var feed = FeedParser.Parse(body, response.Content.Headers.ContentType?.ToString(), url);
        using var stream = new MemoryStream(body);
        return (feed, XDocument.Load(stream));
    }

    /// <summary>RFC 4287 §4.1: feed and entries each carry exactly one id, title and updated; links are absolute http(s).</summary>
    private static void AssertAtomStructure(XDocument document, Uri self)
    {
        var root = document.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        foreach (var element in new[] { root }.Concat(root.Elements(Atom + "entry")))
        {
            foreach (var required in new[] { "id", "title", "updated" })
            {
                Assert.Single(element.Elements(Atom + required));
            }

            Assert.True(DateTimeOffset.TryParse(element.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.StartsWith("tag:relationsalerts,2026:", element.Element(Atom + "id")!.Value, StringComparison.Ordinal);
            Assert.Single(element.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        }

        Assert.Single(root.Elements(Atom + "author"));
        Assert.Equal(self.AbsoluteUri, root.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        var entryIds = root.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(entryIds.Count, entryIds.Distinct(StringComparer.Ordinal).Count());
        foreach (var href in root.Descendants(Atom + "link").Select(l => new Uri(l.Attribute("href")!.Value)))
        {
            Assert.True(href.Scheme is "http" or "https", href.AbsoluteUri);
        }
    }
}
