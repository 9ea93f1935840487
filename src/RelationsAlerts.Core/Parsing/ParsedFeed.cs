namespace RelationsAlerts.Core.Parsing;

/// <summary>A feed as we understand it, independent of RSS, RSS 1.0 (RDF) or Atom.</summary>
/// <param name="Title">The feed's title as plain text.</param>
/// <param name="Encoding">The character encoding the bytes were decoded with.</param>
/// <param name="Ttl">The RSS &lt;ttl&gt;, capped at a day, when the feed gives one.</param>
/// <param name="Items">The entries worth processing: every entry that has a title or a summary, in document order.</param>
public sealed record ParsedFeed(string? Title, string Encoding, TimeSpan? Ttl, IReadOnlyList<ParsedItem> Items)
{
    private readonly IReadOnlyList<ParsedItem>? entries;

    /// <summary>The feed's home page (RSS channel link, Atom alternate link), absolute http(s), or null.</summary>
    public Uri? Link { get; init; }

    /// <summary>The feed's language tag as written (RSS &lt;language&gt;, dc:language, xml:lang or HTTP Content-Language).</summary>
    public string? Language { get; init; }

    /// <summary>The feed's author as plain text (Atom author, managingEditor, dc:creator/dc:author).</summary>
    public string? Author { get; init; }

    /// <summary>The feed's description or subtitle as plain text.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Every entry in document order, including entries with neither title nor summary (their <see cref="ParsedItem.Title"/>
    /// is empty) that <see cref="Items"/> leaves out. Defaults to <see cref="Items"/>.
    /// </summary>
    public IReadOnlyList<ParsedItem> Entries
    {
        get => entries ?? Items;
        init => entries = value;
    }
}

/// <summary>One entry with plain-text title and summary (markup removed) and an absolute link when the feed had one.</summary>
public sealed record ParsedItem
{
    public string? EntryId { get; init; }

    public required string Title { get; init; }

    public Uri? Link { get; init; }

    /// <summary>Plain text of the entry's summary (RSS description, Atom summary), else of its content.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Plain text of the entry's full content (content:encoded, Atom content, xhtml:body), or empty.</summary>
    public string Content { get; init; } = "";

    /// <summary>When the entry was published; falls back to its last update when the feed gives only that.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>When the entry was last updated (Atom updated/modified, dc:date, dcterms:modified), or null.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The entry's author as plain text (RSS author, dc:creator, Atom author name), or null.</summary>
    public string? Author { get; init; }

    public string? Source { get; init; }
}
