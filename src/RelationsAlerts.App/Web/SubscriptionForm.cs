using System.Globalization;
using RelationsAlerts.Core.Processing;

namespace RelationsAlerts.App.Web;

/// <summary>
/// The fields shared by the sign-up and preference forms. Errors are keyed like the JSON API's validation problem;
/// each is shown in a summary linking to its field and next to the field, which points at it with aria-describedby.
/// </summary>
internal static class SubscriptionForm
{
    private static readonly (string Value, string Label, string Description)[] Frequencies =
    [
        ("instant", "As stories arrive", "An email soon after each new story."),
        ("daily", "Daily digest", "One email a day at the hour you choose."),
        ("weekly", "Weekly digest", "One email a week, on the day and hour you choose."),
    ];

    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly Lazy<IReadOnlyList<(string Id, string Label)>> TimeZones = new(ListTimeZones);

    public sealed record Options(string Action, string Submit, bool IncludeEmail, bool PrefillTimeZone, Html Hidden);

    public static Html Render(Options options, SubscriptionFormValues values, IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<Topic> topics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(values);
        return Html.Of(
            $"""
            {ErrorSummary(errors, topics)}
            <form method="post" action="{options.Action}">
            {options.Hidden}
            {Html.When(options.IncludeEmail, EmailField(values, errors))}
            {SectorsField(values, errors, topics)}
            {FrequencyField(values, errors)}
            {TimeZoneField(values, errors, options.PrefillTimeZone)}
            <div class="row">
            {Select("preferredHour", "Delivery hour", "Local time, for daily and weekly digests.", errors, values.PreferredHour,
                Enumerable.Range(0, 24).Select(h => (h.ToString(CultureInfo.InvariantCulture), $"{h:00}:00")))}
            {Select("weeklyDay", "Day of the weekly digest", "Used only for weekly digests.", errors, values.WeeklyDay,
                Weekdays.Select(d => (d.ToString(), d.ToString())))}
            </div>
            <button type="submit">{options.Submit}</button>
            </form>
            """);
    }

    /// <summary>
    /// The API's messages, except that the sector message lists ids for API clients; people pick from the list shown.
    /// </summary>
    public static Dictionary<string, string[]> ForPeople(Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.ContainsKey("sectors"))
        {
            errors["sectors"] = ["Choose at least one sector from the list."];
        }

        return errors;
    }

    private static Html ErrorSummary(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<Topic> topics)
    {
        if (errors.Count == 0)
        {
            return Html.Empty;
        }

        var items = errors.SelectMany(e => e.Value.Select(message => Html.Of($"<li><a href=\"#{Anchor(e.Key, topics)}\">{message}</a></li>")));
        return Html.Of(
            $"""
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">Please correct the following</h2>
            <ul>{Html.Join(items)}</ul>
            </div>
            """);
    }

    private static Html EmailField(SubscriptionFormValues values, IReadOnlyDictionary<string, string[]> errors) => Html.Of(
        $"""
        <div class="field">
        <label for="email">Email address</label>
        <p class="hint" id="email-hint">We send a confirmation link to this address. It is used for nothing else.</p>
        {FieldError("email", errors)}
        <input id="email" name="email" type="email" autocomplete="email" spellcheck="false" required value="{values.Email}" {Described("email", errors, "email-hint")}>
        </div>
        """);

    private static Html SectorsField(SubscriptionFormValues values, IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<Topic> topics)
    {
        var boxes = topics.Select(t => Html.Of(
            $"""
            <div class="choice">
            <input type="checkbox" id="sector-{t.Id}" name="sectors" value="{t.Id}"{Html.When(values.Sectors.Contains(t.Id), new(" checked"))} aria-describedby="sector-{t.Id}-desc">
            <label for="sector-{t.Id}">{t.DisplayName}</label>
            <p class="desc" id="sector-{t.Id}-desc">{t.Description}</p>
            </div>
            """));
        return Html.Of(
            $"""
            <fieldset class="field" id="sectors" {Described("sectors", errors, "sectors-hint")}>
            <legend>Sectors</legend>
            <p class="hint" id="sectors-hint">Choose one or more. Each digest lists new stories under these sectors.</p>
            {FieldError("sectors", errors)}
            <div class="choices">{Html.Join(boxes)}</div>
            </fieldset>
            """);
    }

    private static Html FrequencyField(SubscriptionFormValues values, IReadOnlyDictionary<string, string[]> errors)
    {
        var radios = Frequencies.Select(f => Html.Of(
            $"""
            <div class="choice">
            <input type="radio" id="frequency-{f.Value}" name="frequency" value="{f.Value}"{Html.When(string.Equals(values.Frequency, f.Value, StringComparison.OrdinalIgnoreCase), new(" checked"))} aria-describedby="frequency-{f.Value}-desc">
            <label for="frequency-{f.Value}">{f.Label}</label>
            <p class="desc" id="frequency-{f.Value}-desc">{f.Description}</p>
            </div>
            """));
        return Html.Of(
            $"""
            <fieldset class="field" id="frequency" {Described("frequency", errors, null)}>
            <legend>How often</legend>
            {FieldError("frequency", errors)}
            <div class="choices">{Html.Join(radios)}</div>
            </fieldset>
            """);
    }

    private static Html TimeZoneField(SubscriptionFormValues values, IReadOnlyDictionary<string, string[]> errors, bool prefill)
    {
        var zones = TimeZones.Value;
        var options = zones.Any(z => z.Id == values.TimeZone) || values.TimeZone.Length == 0 ? zones : [(values.TimeZone, values.TimeZone), .. zones];
        var prefillAttribute = prefill ? new Html(" data-prefill=\"browser\"") : Html.Empty;
        return Select("timeZone", "Time zone", "Digests go out at your local time. Your browser's zone is chosen for you when it can be.",
            errors, values.TimeZone, options, prefillAttribute);
    }

    private static Html Select(
        string name, string label, string hint, IReadOnlyDictionary<string, string[]> errors, string selected,
        IEnumerable<(string Value, string Text)> choices, Html attributes = default)
    {
        var options = choices.Select(c => c.Value == selected
            ? Html.Of($"<option value=\"{c.Value}\" selected>{c.Text}</option>")
            : Html.Of($"<option value=\"{c.Value}\">{c.Text}</option>"));
        return Html.Of(
            $"""
            <div class="field">
            <label for="{name}">{label}</label>
            <p class="hint" id="{name}-hint">{hint}</p>
            {FieldError(name, errors)}
            <select id="{name}" name="{name}"{attributes} {Described(name, errors, name + "-hint")}>{Html.Join(options)}</select>
            </div>
            """);
    }

    private static Html FieldError(string name, IReadOnlyDictionary<string, string[]> errors) =>
        errors.TryGetValue(name, out var messages)
            ? Html.Of($"<p class=\"error\" id=\"{name}-error\"><span class=\"visually-hidden\">Error: </span>{string.Join(" ", messages)}</p>")
            : Html.Empty;

    private static Html Described(string name, IReadOnlyDictionary<string, string[]> errors, string? hintId)
    {
        var ids = string.Join(' ', new[] { hintId, errors.ContainsKey(name) ? name + "-error" : null }.OfType<string>());
        var invalid = errors.ContainsKey(name) ? Html.Of($" aria-invalid=\"true\"") : Html.Empty;
        return ids.Length == 0 ? invalid : Html.Of($"aria-describedby=\"{ids}\"{invalid}");
    }

    // Fieldsets take no focus, so the summary links to their first control.
    private static string Anchor(string field, IReadOnlyList<Topic> topics) => field switch
    {
        "sectors" when topics.Count > 0 => "sector-" + topics[0].Id,
        "frequency" => "frequency-" + Frequencies[0].Value,
        _ => field,
    };

    private static IReadOnlyList<(string Id, string Label)> ListTimeZones()
    {
        var zones = TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.Id.Contains('/', StringComparison.Ordinal) && !z.Id.StartsWith("Etc/", StringComparison.Ordinal))
            .Select(z => (z.Id, Label: $"{z.Id.Replace('_', ' ')} (UTC{Offset(z.BaseUtcOffset)})"))
            .OrderBy(z => z.Id, StringComparer.Ordinal)
            .ToList();
        return [(SubscriptionFormValues.DefaultTimeZone, "UTC"), .. zones];
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "−" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
