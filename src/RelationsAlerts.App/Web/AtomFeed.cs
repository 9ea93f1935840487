using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Web;

/// <summary>
/// Atom 1.0 (RFC 4287) feeds of the archive, all sectors or one: stable tag: ids, absolute links from the public base
/// URL, feed text cleaned of characters XML cannot carry and written through <see cref="XmlWriter"/>, so it is always encoded.
/// </summary>
internal static class AtomFeed
{
    public const int MaxEntries = 50;
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string TagPrefix = "tag:relationsalerts,2026:";

    public static string Path(string? sector) => $"/api/feeds/{sector ?? "all"}.atom";

    public static string EntryId(ArchiveStory story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return TagPrefix + (story.IsStory ? "story/" : "item/") + story.Id;
    }

    public static Task<IResult> GetAllAsync(
        IItemStore items, ITopicStore topics, TimeProvider clock, IOptions<SignedLinkOptions> links, CancellationToken cancellationToken) =>
        GetAsync(null, items, topics, clock, links, cancellationToken);

    public static async Task<IResult> GetAsync(
        string? sector, IItemStore items, ITopicStore topics, TimeProvider clock, IOptions<SignedLinkOptions> links, CancellationToken cancellationToken)
    {
        var all = await topics.ListAsync(cancellationToken);
        if (sector is not null && !all.Any(t => t.Id == sector))
        {
            return ArchivePage.NotFound("No such feed", "There is no sector with that name, so there is no feed for it.");
        }

        var now = clock.GetUtcNow();
        var stories = (await ArchiveStory.BetweenAsync(items, now - ArchiveStory.Window, now, sector, cancellationToken)).Take(MaxEntries).ToList();
        var feed = new Feed(new Uri(links.Value.PublicBaseUrl.TrimEnd('/') + "/"), sector, sector is null ? "all sectors" : ArchivePage.Name(all, sector), all);
        var updated = stories.Count > 0 ? stories.Max(s => s.LastSeenAt) : new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new WebResult(Write(feed, stories, updated), ContentType, cacheable: true);
    }

    private static string Write(Feed feed, IReadOnlyList<ArchiveStory> stories, DateTimeOffset updated)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, "en");
            xml.WriteElementString("id", Atom, TagPrefix + (feed.Sector is null ? "feed/all" : "feed/sector/" + feed.Sector));
            xml.WriteElementString("title", Atom, WebText.XmlSafe($"RelationsAlerts: Pakistan–Belarus relations ({feed.Scope})"));
            xml.WriteElementString("subtitle", Atom, "News about Pakistan–Belarus relations, collected from public outlets and tagged by sector.");
            xml.WriteElementString("updated", Atom, WebText.Iso(updated));
            Link(xml, "self", "application/atom+xml", feed.Absolute(Path(feed.Sector)));
            Link(xml, "alternate", "text/html", feed.Absolute(feed.Sector is null ? WebLayout.ArchivePath : WebLayout.ArchivePath + "?sector=" + Uri.EscapeDataString(feed.Sector)));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "RelationsAlerts");
            xml.WriteElementString("uri", Atom, feed.Absolute(WebLayout.SubscribePath));
            xml.WriteEndElement();
            xml.WriteElementString("generator", Atom, "RelationsAlerts");
            foreach (var story in stories)
            {
                WriteEntry(xml, feed, story);
            }

            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteEntry(XmlWriter xml, Feed feed, ArchiveStory story)
    {
        var lead = story.Lead;
        var page = feed.Absolute(story.Path);
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, EntryId(story));
        Text(xml, "title", WebText.OneLine(lead.Title));
        Link(xml, "alternate", "text/html", Html.SafeUrl(lead.Link) ?? page);
        if (Html.SafeUrl(lead.Link) is not null)
        {
            Link(xml, "related", "text/html", page);
        }

        if (lead.PublishedAt is { } published && published <= story.LastSeenAt)
        {
            xml.WriteElementString("published", Atom, WebText.Iso(published));
        }

        xml.WriteElementString("updated", Atom, WebText.Iso(story.LastSeenAt));
        foreach (var outlet in story.Outlets)
        {
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, WebText.XmlSafe(WebText.OneLine(outlet)));
            xml.WriteEndElement();
        }

        foreach (var sector in story.Sectors)
        {
            xml.WriteStartElement("category", Atom);
            xml.WriteAttributeString("term", WebText.XmlSafe(sector));
            xml.WriteAttributeString("label", WebText.XmlSafe(ArchivePage.Name(feed.Topics, sector)));
            xml.WriteEndElement();
        }

        if (lead.Summary.Length > 0)
        {
            Text(xml, "summary", WebText.Shorten(lead.Summary, 1000));
        }

        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name, Atom);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(WebText.XmlSafe(value));
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private sealed record Feed(Uri BaseUrl, string? Sector, string Scope, IReadOnlyList<Topic> Topics)
    {
        public string Absolute(string path) => new Uri(BaseUrl, path.TrimStart('/')).AbsoluteUri;
    }
}
