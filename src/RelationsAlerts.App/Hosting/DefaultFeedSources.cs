using Microsoft.Extensions.Configuration.Json;

namespace RelationsAlerts.App.Hosting;

/// <summary>
/// The curated list of live sources in <c>feeds.default.json</c> (section <c>Feeds:DefaultSources</c>), loaded only when
/// <c>Feeds:UseDefaultSources</c> is true. It goes in right after the appsettings files, so environment variables and the
/// command line still override any of its entries.
/// </summary>
public static class DefaultFeedSources
{
    public const string FileName = "feeds.default.json";

    public static void AddDefaultFeedSources(this ConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.GetValue<bool>($"{FeedsOptions.SectionName}:{nameof(FeedsOptions.UseDefaultSources)}"))
        {
            return;
        }

        var source = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, FileName), Optional = false };
        source.ResolveFileProvider();
        var afterAppSettings = configuration.Sources.Select((s, i) => (s, i)).LastOrDefault(p => p.s is JsonConfigurationSource).i + 1;
        configuration.Sources.Insert(afterAppSettings, source);
    }
}
