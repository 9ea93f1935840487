using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using RelationsAlerts.Core.Parsing;

namespace RelationsAlerts.Core.Tests.Conformance;

/// <summary>
/// One <c>Expect:</c> clause of a feedparser test that maps onto our model: a field of the feed or of <c>entries[n]</c>
/// compared with a literal. <paramref name="Expected"/> is the string value (null: the field must be absent);
/// <paramref name="ExpectedInstant"/> is set for date fields, which are compared as instants.
/// </summary>
public sealed record ExpectCheck(int? Entry, string Field, string? Expected, DateTimeOffset? ExpectedInstant, string Clause);

/// <summary>
/// Reads the Python expressions of feedparser's <c>Expect:</c> lines into <see cref="ExpectCheck"/>s and evaluates them against a
/// <see cref="ParsedFeed"/>. Mapped keys: feed <c>title</c>, <c>link</c>, <c>language</c>, <c>author</c>; entries <c>title</c>,
/// <c>link</c>, <c>id</c>/<c>guid</c>, <c>summary</c>/<c>description</c>, <c>author</c>, <c>published</c>/<c>updated</c> and their
/// <c>_parsed</c> UTC time tuples, and <c>not entries[n].has_key('link')</c>. Everything else (<c>*_detail</c>, <c>content</c>,
/// <c>tags</c>, <c>bozo</c>, <c>encoding</c>, …) is not mappable and not counted.
/// Also mapped: feed <c>description</c>/<c>subtitle</c>/<c>tagline</c> and <c>ord(field) == n</c>.
/// </summary>
public static partial class FeedparserExpect
{
    private static readonly Dictionary<string, string> FeedFields = new(StringComparer.Ordinal)
    {
        ["title"] = "title", ["link"] = "link", ["language"] = "language", ["author"] = "author",
        ["description"] = "description", ["subtitle"] = "description", ["tagline"] = "description",
    };

    private static readonly Dictionary<string, string> EntryFields = new(StringComparer.Ordinal)
    {
        ["title"] = "title", ["link"] = "link", ["id"] = "id", ["guid"] = "id", ["summary"] = "summary", ["description"] = "summary",
        ["author"] = "author", ["published"] = "published", ["updated"] = "updated", ["published_parsed"] = "published",
        ["updated_parsed"] = "updated",
    };

    public static IReadOnlyList<ExpectCheck> Checks(string expect)
    {
        var checks = new List<ExpectCheck>();
        foreach (var raw in SplitTopLevel(expect, " and "))
        {
            var clause = StripParentheses(raw.Trim());
            if (HasKeyRegex().Match(clause) is { Success: true } hasKey)
            {
                if (hasKey.Groups["key"].Value == "link")
                {
                    checks.Add(new ExpectCheck(int.Parse(hasKey.Groups["i"].Value, CultureInfo.InvariantCulture), "link", null, null, clause));
                }

                continue;
            }

            if (OrdRegex().Match(clause) is { Success: true } ord)
            {
                // ord(entries[0]['description']) == 8230: the field is that one character.
                var character = char.ConvertFromUtf32(int.Parse(ord.Groups["code"].Value, CultureInfo.InvariantCulture));
                if (Check(ord.Groups["path"].Value.Trim(), character, clause) is { } single)
                {
                    checks.Add(single);
                }

                continue;
            }

            var sides = SplitTopLevel(clause, "==");
            if (sides.Count < 2 || Literal(sides[^1].Trim()) is not { } literal)
            {
                continue;
            }

            foreach (var side in sides.Take(sides.Count - 1))
            {
                if (Check(side.Trim(), literal, clause) is { } check)
                {
                    checks.Add(check);
                }
            }
        }

        return checks;
    }

    /// <summary>Whether <paramref name="feed"/> satisfies <paramref name="check"/>; <c>Actual</c> describes what we produced.</summary>
    public static (bool Passed, string Actual) Evaluate(ExpectCheck check, ParsedFeed feed)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(feed);
        ParsedItem? entry = null;
        if (check.Entry is { } index)
        {
            if (index >= feed.Entries.Count)
            {
                return (false, $"no entries[{index}] ({feed.Entries.Count} entries)");
            }

            entry = feed.Entries[index];
        }

        if (check.ExpectedInstant is { } instant)
        {
            var actualDate = check.Field == "published" ? entry?.PublishedAt : entry?.UpdatedAt;
            var sameInstant = actualDate is { } a && a.ToUniversalTime().AddTicks(-(a.UtcTicks % TimeSpan.TicksPerSecond)) == instant;
            return (sameInstant, actualDate?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "null");
        }

        var actual = entry is null
            ? check.Field switch
            {
                "title" => feed.Title,
                "link" => feed.Link?.AbsoluteUri,
                "language" => feed.Language,
                "author" => feed.Author,
                "description" => feed.Description,
                _ => throw new InvalidOperationException($"unmapped feed field {check.Field}"),
            }
            : check.Field switch
            {
                "title" => entry.Title,
                "link" => entry.Link?.AbsoluteUri,
                "id" => entry.EntryId,
                "summary" => entry.Summary,
                "author" => entry.Author,
                _ => throw new InvalidOperationException($"unmapped entry field {check.Field}"),
            };
        if (check.Expected is null)
        {
            return (actual is null, actual ?? "null");
        }

        var passed = check.Field switch
        {
            "link" => string.Equals(Uri.TryCreate(check.Expected, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : check.Expected, actual, StringComparison.Ordinal),
            "id" or "language" => string.Equals(check.Expected.Trim(), actual?.Trim(), StringComparison.Ordinal),
            // We do not tell an empty text field from a missing one.
            _ => string.Equals(PlainText(check.Expected), Collapse(actual ?? ""), StringComparison.Ordinal)
                || string.Equals(Collapse(check.Expected), Collapse(actual ?? ""), StringComparison.Ordinal),
        };
        return (passed, actual is null ? "null" : $"'{actual}'");
    }

    /// <summary>
    /// feedparser keeps sanitized inline HTML in html/xhtml text fields; ours are plain text. The expected value is reduced
    /// to plain text the way a browser would show it: line breaks and block boundaries become spaces, other tags are removed,
    /// entities decoded, whitespace collapsed. (Independent of <see cref="HtmlText"/> on purpose.) For text/plain fields
    /// feedparser returns the raw text, and the Expect line does not say which kind a field is, so
    /// <see cref="Evaluate"/> also accepts the raw reading.
    /// </summary>
    public static string PlainText(string html) =>
        Collapse(WebUtility.HtmlDecode(TagRegex().Replace(BlockTagRegex().Replace(html, " "), "")));

    private static string Collapse(string text) => WhitespaceRegex().Replace(text, " ").Trim();

    private static ExpectCheck? Check(string path, object literal, string clause)
    {
        if (PathRegex().Match(path) is not { Success: true } m)
        {
            return null;
        }

        var key = m.Groups["key"].Success ? m.Groups["key"].Value : m.Groups["attr"].Value;
        int? entry = m.Groups["i"].Success ? int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture) : null;
        if (!(entry is null ? FeedFields : EntryFields).TryGetValue(key, out var field))
        {
            return null;
        }

        return (field, literal) switch
        {
            ("published" or "updated", DateTimeOffset tuple) when key.EndsWith("_parsed", StringComparison.Ordinal) => new ExpectCheck(entry, field, null, tuple, clause),
            ("published" or "updated", string text) when !key.EndsWith("_parsed", StringComparison.Ordinal) =>
                ParseDate(text) is { } instant ? new ExpectCheck(entry, field, text, instant, clause) : null,
            (not ("published" or "updated"), string text) => new ExpectCheck(entry, field, text, null, clause),
            _ => null,
        };
    }

    /// <summary>A feedparser date string as an instant: RFC 1123 and ISO 8601 by the BCL, anything else by our own parser.</summary>
    private static DateTimeOffset? ParseDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed.ToUniversalTime()
            : FeedDateParser.Parse(text)?.ToUniversalTime();

    /// <summary>A Python string literal (adjacent literals concatenated, u/r prefixes, triple quotes) or a 9-int time tuple.</summary>
    private static object? Literal(string text)
    {
        if (TupleRegex().Match(text) is { Success: true } tuple)
        {
            var n = tuple.Groups["n"].Captures.Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToArray();
            return n.Length == 9 ? new DateTimeOffset(n[0], n[1], n[2], n[3], n[4], n[5], TimeSpan.Zero) : null;
        }

        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            var raw = false;
            while (i < text.Length && "uUrRbB".Contains(text[i], StringComparison.Ordinal))
            {
                raw |= text[i] is 'r' or 'R';
                i++;
            }

            if (i >= text.Length || text[i] is not ('\'' or '"'))
            {
                return null;
            }

            var quote = text.AsSpan(i).StartsWith(new string(text[i], 3), StringComparison.Ordinal) ? new string(text[i], 3) : text[i].ToString();
            i += quote.Length;
            var start = i;
            while (i < text.Length && !text.AsSpan(i).StartsWith(quote, StringComparison.Ordinal))
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            if (i >= text.Length)
            {
                return null;
            }

            var body = text[start..i];
            result.Append(raw ? body : FeedparserCorpus.UnescapePython(body));
            i += quote.Length;
        }

        return result.ToString();
    }

    /// <summary>Splits on <paramref name="separator"/> outside string literals and brackets.</summary>
    private static List<string> SplitTopLevel(string text, string separator)
    {
        var parts = new List<string>();
        var depth = 0;
        char? quote = null;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                default:
                    if (depth == 0 && text.AsSpan(i).StartsWith(separator, StringComparison.Ordinal))
                    {
                        parts.Add(text[start..i]);
                        i += separator.Length - 1;
                        start = i + 1;
                    }

                    break;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static string StripParentheses(string clause)
    {
        while (clause.Length > 1 && clause[0] == '(' && clause[^1] == ')' && IsBalanced(clause[1..^1]))
        {
            clause = clause[1..^1].Trim();
        }

        return clause;
    }

    /// <summary>Whether brackets outside string literals never close more than they opened (so outer parentheses enclose all).</summary>
    private static bool IsBalanced(string text)
    {
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < text.Length && depth >= 0; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                i += c == '\\' ? 1 : 0;
                quote = c == q ? null : quote;
                continue;
            }

            quote = c is '\'' or '"' ? c : null;
            depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
        }

        return depth == 0;
    }

    [GeneratedRegex(@"^(?:feed|entries\[(?<i>\d+)\])(?:\[\s*[uU]?(?<q>['""])(?<key>\w+)\k<q>\s*\]|\.(?<attr>\w+))$")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"^not\s+entries\[(?<i>\d+)\]\.has_key\(\s*[uU]?(?<q>['""])(?<key>\w+)\k<q>\s*\)$")]
    private static partial Regex HasKeyRegex();

    [GeneratedRegex(@"^\(\s*(?:(?<n>-?\d+)\s*,\s*)*(?<n>-?\d+)\s*,?\s*\)$")]
    private static partial Regex TupleRegex();

    [GeneratedRegex(@"^ord\((?<path>[^()]+)\)\s*==\s*(?<code>\d+)$")]
    private static partial Regex OrdRegex();

    [GeneratedRegex(@"</?(br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre)\b[^<>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTagRegex();

    [GeneratedRegex(@"<[^<>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
