using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using RelationsAlerts.App.Admin;
using RelationsAlerts.App.Hosting;
using RelationsAlerts.App.Mail;
using RelationsAlerts.App.Subscribers;
using RelationsAlerts.App.Triggers;
using RelationsAlerts.App.Web;
using RelationsAlerts.Azure;
using RelationsAlerts.Azure.Email;
using RelationsAlerts.Core;
using RelationsAlerts.Core.Fetching;
using RelationsAlerts.Core.Pipeline;
using RelationsAlerts.Core.Ports;

namespace RelationsAlerts.App;

/// <summary>The composition root shared by every hosting mode, so triggers, the scheduler and the CLI run the same code.</summary>
public static class RelationsAlertsBuilder
{
    public const string FunctionsPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static WebApplication Build(
        string[] args,
        HostingMode mode,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Configuration.AddDefaultFeedSources();

        ConfigureLogging(builder, mode);
        ConfigureKestrel(builder, mode);
        builder.Services.AddRelationsAlerts(builder.Configuration, mode);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        if (mode == HostingMode.FunctionsHost)
        {
            // Every request comes from the Functions host on loopback (trusted by default); the client's address is the
            // last X-Forwarded-For entry, the one the platform's front end appended. Rate limits are per client.
            app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 });
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(EnsureStorageForApiAsync);
        app.MapTriggerEndpoints();
        app.MapHealthEndpoints();
        app.MapAdminEndpoints(); // Admin API: topics, feeds, operations (Admin/AdminApi.cs)
        app.MapSubscriberFeatures();
        app.MapPublicWeb(); // Public site: sign-up, preferences, archive, Atom feeds (Web/PublicWebEndpoints.cs)
        return app;
    }

    /// <summary>
    /// Under the Functions host an HTTP function can be the first call the app ever gets: make sure tables, queues and
    /// topics exist before any /api request touches them (cached after the first success; health, the OpenAPI document and
    /// its reference page stay independent).
    /// </summary>
    private static async Task EnsureStorageForApiAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/health") && !path.StartsWithSegments(AdminApi.OpenApiPath)
            && !path.StartsWithSegments(ApiReference.Path))
        {
            await context.RequestServices.GetRequiredService<AppInitializer>().EnsureInitializedAsync(context.RequestAborted);
        }

        await next();
    }

    public static IServiceCollection AddRelationsAlerts(this IServiceCollection services, IConfiguration configuration, HostingMode mode)
    {
        services.AddSingleton(new HostingInfo(mode));
        services.AddProblemDetails();
        services.AddSingleton<IPostConfigureOptions<StorageOptions>>(new StorageSettings(configuration));
        services.AddSingleton<IPostConfigureOptions<PollingOptions>>(new StorageSettings(configuration));
        services.AddSingleton<IPostConfigureOptions<DigestOptions>>(new StorageSettings(configuration));
        AddValidated<StorageOptions>(services, StorageOptions.SectionName);
        AddValidated<FetchOptions>(services, FetchOptions.SectionName);
        AddValidated<PollingOptions>(services, PollingOptions.SectionName)
            .Validate(o => CronSchedule.Validate(o.Schedule) is null, "Polling:Schedule (or PollFeedsSchedule) must be a six-field NCRONTAB expression.");
        AddValidated<DigestOptions>(services, DigestOptions.SectionName)
            .Validate(o => CronSchedule.Validate(o.Schedule) is null, "Digests:Schedule (or ScheduleDigestsSchedule) must be a six-field NCRONTAB expression.");
        AddValidated<QueueOptions>(services, QueueOptions.SectionName);
        AddValidated<FeedsOptions>(services, FeedsOptions.SectionName);
        AddValidated<SendGridOptions>(services, SendGridOptions.SectionName)
            .Validate(o => !KeyVaultReference.IsUnresolved(o.ApiKey), "SendGrid:ApiKey is an unresolved Key Vault reference; create the secret and grant access.");
        AddValidated<MailOptions>(services, MailOptions.SectionName);

        services.AddRelationsAlertsCore();
        services.AddRelationsAlertsStorage();
        services.AddSubscriberFeatures(configuration, mode);
        services.AddRelationsAlertsTelemetry(configuration);
        if (!string.IsNullOrWhiteSpace(configuration[$"{SendGridOptions.SectionName}:ApiKey"]))
        {
            services.AddSendGridMailSender();
        }
        else
        {
            services.AddSingleton<IMailSender, EmlFileMailSender>();
        }

        services.AddSingleton<AppInitializer>();
        services.AddAdminApi(configuration, mode); // Admin API: options, API-key and optional bearer auth, OpenAPI (Admin/AdminApi.cs)
        services.AddSingleton<DigestQueueProcessor>();
        if (mode == HostingMode.Standalone)
        {
            services.AddHostedService<PollScheduler>();
            services.AddHostedService<DigestScheduler>();
            services.AddHostedService<DigestQueueListener>();
        }

        return services;
    }

    private static OptionsBuilder<T> AddValidated<T>(IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    private static void ConfigureKestrel(WebApplicationBuilder builder, HostingMode mode)
    {
        if (mode == HostingMode.FunctionsHost)
        {
            // The host always calls http://127.0.0.1:{port}.
            var port = int.Parse(builder.Configuration[FunctionsPortVariable]!, System.Globalization.CultureInfo.InvariantCulture);
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        }
        else if (mode == HostingMode.RunOnce)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:8080");
        }

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, HostingMode mode)
    {
        builder.Logging.ClearProviders();
        if (mode == HostingMode.FunctionsHost)
        {
            // The host turns each stdout line into a log record; one JSON object per line keeps them structured.
            builder.Logging.AddJsonConsole(o => o.JsonWriterOptions = new() { Indented = false });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
    }
}
