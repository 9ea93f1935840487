using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace RelationsAlerts.App.Web;

/// <summary>
/// Markup that is already safe. <see cref="Of"/> builds it from an interpolated string whose holes are HTML-encoded
/// unless they are <see cref="Html"/> themselves, so feed text (untrusted) can never become markup by accident.
/// </summary>
internal readonly record struct Html(string Value)
{
    public static Html Empty { get; } = new("");

    public static Html Of([InterpolatedStringHandlerArgument] ref Builder markup) => new(markup.Build());

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static Html When(bool condition, Html markup) => condition ? markup : Empty;

    /// <summary>An http(s) URL, or null: feed links with other schemes (javascript:, data:) are never emitted.</summary>
    public static string? SafeUrl(Uri? link) =>
        link is { IsAbsoluteUri: true } && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp) ? link.AbsoluteUri : null;

    public override string ToString() => Value;

    [InterpolatedStringHandler]
    public ref struct Builder
    {
        private readonly StringBuilder text;

        public Builder(int literalLength, int formattedCount) => text = new StringBuilder(literalLength + (formattedCount * 16));

        public readonly void AppendLiteral(string value) => text.Append(value);

        public readonly void AppendFormatted(Html value) => text.Append(value.Value);

        public readonly void AppendFormatted(string? value) => text.Append(WebUtility.HtmlEncode(value));

        public readonly void AppendFormatted<T>(T value) =>
            text.Append(WebUtility.HtmlEncode(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString()));

        internal readonly string Build() => text.ToString();
    }
}
