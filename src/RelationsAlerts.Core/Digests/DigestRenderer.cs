using System.Globalization;
using System.Net;
using System.Text;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.Core.Digests;

/// <summary>
/// Renders a digest as a single-column, inline-styled HTML email and a plain-text twin from the same model.
/// Every feed-supplied string is HTML-encoded and only http(s) links are emitted: feed text is untrusted.
/// </summary>
public static class DigestRenderer
{
    private const string Font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

    public static string Subject(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var sectors = string.Join(", ", digest.Sections.Select(s => s.SectorName));
        return digest.ItemCount == 1
            ? $"Pakistan–Belarus: 1 new story ({sectors})"
            : $"Pakistan–Belarus: {digest.ItemCount} new stories ({sectors})";
    }

    public static string Html(Digest digest, DigestLinks? links = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var html = new StringBuilder(8 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\"><title>").Append(Encode(Subject(digest))).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f5f7;\">")
            .Append("<div style=\"display:none;max-height:0;overflow:hidden;\">").Append(Encode(Preheader(digest))).Append("</div>")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\" style=\"padding:16px;\">")
            .Append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:600px;width:100%;background:#ffffff;\">")
            .Append("<tr><td style=\"padding:24px 24px 8px;").Append(Font).Append("font-size:22px;font-weight:bold;color:#1a1a1a;\">Pakistan–Belarus relations</td></tr>");
        foreach (var section in digest.Sections)
        {
            html.Append("<tr><td style=\"padding:16px 24px 4px;").Append(Font).Append("font-size:13px;font-weight:bold;letter-spacing:1px;text-transform:uppercase;color:#0b6e4f;\">")
                .Append(Encode(section.SectorName)).Append("</td></tr>");
            foreach (var item in section.Items)
            {
                AppendItem(html, item, section.OtherOutlets(item));
            }
        }

        html.Append("<tr><td style=\"padding:24px;").Append(Font).Append("font-size:12px;color:#6b7280;\">")
            .Append("You receive this digest because you subscribed to RelationsAlerts for these sectors: ")
            .Append(Encode(string.Join(", ", digest.Sections.Select(s => s.SectorName)))).Append('.');
        if (links is not null)
        {
            html.Append("<br><a href=\"").Append(Encode(links.Manage)).Append("\" style=\"color:#6b7280;\">Manage preferences</a> · ")
                .Append("<a href=\"").Append(Encode(links.Unsubscribe)).Append("\" style=\"color:#6b7280;\">Unsubscribe</a>");
        }

        html.Append("</td></tr>")
            .Append("</table></td></tr></table></body></html>");
        return html.ToString();
    }

    public static string Text(Digest digest, DigestLinks? links = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var text = new StringBuilder(4 * 1024);
        text.Append("PAKISTAN–BELARUS RELATIONS\n").Append(Preheader(digest)).Append("\n\n");
        foreach (var section in digest.Sections)
        {
            text.Append("== ").Append(section.SectorName.ToUpperInvariant()).Append(" ==\n\n");
            foreach (var item in section.Items)
            {
                text.Append("* ").Append(OneLine(item.Title)).Append('\n');
                if (SafeLink(item.Link) is { } link)
                {
                    text.Append("  ").Append(link).Append('\n');
                }

                text.Append("  ").Append(Byline(item)).Append('\n');
                if (section.OtherOutlets(item) is { Count: > 0 } others)
                {
                    text.Append("  ").Append(AlsoReportedBy(others)).Append('\n');
                }
                if (item.Summary.Length > 0)
                {
                    text.Append("  ").Append(Shorten(OneLine(item.Summary), 280)).Append('\n');
                }

                text.Append('\n');
            }
        }

        text.Append("You receive this digest because you subscribed to RelationsAlerts.\n");
        if (links is not null)
        {
            text.Append("Manage preferences: ").Append(links.Manage).Append('\n')
                .Append("Unsubscribe: ").Append(links.Unsubscribe).Append('\n');
        }
        return text.ToString();
    }

    private static void AppendItem(StringBuilder html, NewsItem item, IReadOnlyList<string> otherOutlets)
    {
        html.Append("<tr><td style=\"padding:8px 24px;").Append(Font).Append("\">");
        var title = Encode(OneLine(item.Title));
        html.Append("<div style=\"font-size:16px;line-height:22px;font-weight:600;\">");
        if (SafeLink(item.Link) is { } link)
        {
            html.Append("<a href=\"").Append(Encode(link)).Append("\" style=\"color:#1d4ed8;text-decoration:none;\">").Append(title).Append("</a>");
        }
        else
        {
            html.Append("<span style=\"color:#1a1a1a;\">").Append(title).Append("</span>");
        }

        html.Append("</div><div style=\"font-size:12px;color:#6b7280;padding-top:2px;\">").Append(Encode(Byline(item))).Append("</div>");
        if (otherOutlets.Count > 0)
        {
            html.Append("<div style=\"font-size:12px;color:#6b7280;padding-top:2px;\">").Append(Encode(AlsoReportedBy(otherOutlets))).Append("</div>");
        }

        if (item.Summary.Length > 0)
        {
            html.Append("<div style=\"font-size:14px;line-height:20px;color:#374151;padding-top:4px;\">")
                .Append(Encode(Shorten(OneLine(item.Summary), 280))).Append("</div>");
        }

        html.Append("</td></tr>");
    }

    private static string Preheader(Digest digest) =>
        string.Join(" · ", digest.Sections.SelectMany(s => s.Items).Take(3).Select(i => Shorten(OneLine(i.Title), 60)));

    private static string AlsoReportedBy(IReadOnlyList<string> outlets) => "Also reported by: " + OneLine(string.Join(", ", outlets));

    private static string Byline(NewsItem item)
    {
        var date = (item.PublishedAt ?? item.FirstSeenAt).UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var source = item.Source is { Length: > 0 } named ? DisplayText.StripBidiControls(named) : item.Link?.Host;
        return source is null ? date : $"{source} · {date}";
    }

    private static string? SafeLink(Uri? link) =>
        link is { IsAbsoluteUri: true } && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp) ? link.AbsoluteUri : null;

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string OneLine(string value) =>
        string.Join(' ', DisplayText.StripBidiControls(value).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string value, int max) =>
        value.Length <= max ? value : string.Concat(value.AsSpan(0, value.LastIndexOf(' ', max - 1) is var cut and > 0 ? cut : max - 1), "…");
}
