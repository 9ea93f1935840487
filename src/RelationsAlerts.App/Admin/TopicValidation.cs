using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RelationsAlerts.App.Admin;

/// <summary>Checks a <see cref="TopicRequest"/>; errors are keyed by JSON field (<c>include.ru</c> for one language's list).</summary>
public static partial class TopicValidation
{
    public const int MaxDisplayName = 80;
    public const int MaxDescription = 500;
    public const int MaxTermsPerLanguage = 500;
    public const int MaxTermLength = 100;

    // Keyword lists are stored as one JSON string per list, and a Table Storage string holds at most 32K characters.
    private const int MaxStoredListLength = 30_000;

    private static readonly JsonSerializerOptions StoredJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // ISO 639-1 (the two-letter codes in use; "sh" and other withdrawn codes are left out).
    private static readonly HashSet<string> LanguageCodes = [.. """
        aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es
        et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki
        kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no
        nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te
        tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];

    public static Dictionary<string, string[]> Validate(TopicRequest request, string? routeId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        ValidateId(request.Id, routeId, errors);
        var name = request.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxDisplayName)
        {
            Add(errors, "displayName", $"displayName must be 1–{MaxDisplayName} characters.");
        }

        if (request.Description?.Trim().Length > MaxDescription)
        {
            Add(errors, "description", $"description must be at most {MaxDescription} characters.");
        }

        ValidateTerms("include", request.Include, errors);
        ValidateTerms("exclude", request.Exclude, errors);
        if (!(request.Include ?? new Dictionary<string, IReadOnlyList<string?>?>()).Values.Any(v => v is { Count: > 0 }))
        {
            Add(errors, "include", "include needs at least one keyword (a topic without keywords never matches).");
        }

        return errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    private static void ValidateId(string? id, string? routeId, Dictionary<string, List<string>> errors)
    {
        if (routeId is null && !IsValidId(id))
        {
            Add(errors, "id", "id must be a slug: a lowercase letter, then 1–39 lowercase letters, digits or '-'.");
        }
        else if (routeId is not null && id is not null && !string.Equals(id, routeId, StringComparison.Ordinal))
        {
            Add(errors, "id", "id cannot be changed; leave it out or repeat the id in the URL.");
        }
    }

    private static void ValidateTerms(string field, IReadOnlyDictionary<string, IReadOnlyList<string?>?>? lists, Dictionary<string, List<string>> errors)
    {
        foreach (var (language, terms) in lists ?? new Dictionary<string, IReadOnlyList<string?>?>())
        {
            var key = $"{field}.{language}";
            if (!LanguageCodes.Contains(language))
            {
                Add(errors, key, $"'{language}' is not an ISO 639-1 language code (two lowercase letters, e.g. en, ru, ur).");
            }

            if (terms?.Count > MaxTermsPerLanguage)
            {
                Add(errors, key, $"at most {MaxTermsPerLanguage} keywords per language ({terms.Count} given).");
            }

            if (terms?.Any(t => t is null || t.Trim().Length is 0 or > MaxTermLength || t.Any(char.IsControl)) == true)
            {
                Add(errors, key, $"every keyword must be 1–{MaxTermLength} characters without control characters.");
            }
        }

        if (lists is not null && JsonSerializer.Serialize(lists, StoredJson).Length > MaxStoredListLength)
        {
            Add(errors, field, $"{field} keywords are too long to store (at most {MaxStoredListLength} characters in all).");
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]{1,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
