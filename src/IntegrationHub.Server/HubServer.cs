using IntegrationHub.Dashboard;
using IntegrationHub.Hosting;
using IntegrationHub.Lab.Hosting;
using IntegrationHub.Lab.Web;
using IntegrationHub.Spool;
using IntegrationHub.Storage;
using IntegrationHub.Web;
using IntegrationHub.Web.Inbound;
using IntegrationHub.Web.Requests;
using IntegrationHub.Web.Sandbox;
using IntegrationHub.Web.Security;
using IntegrationHub.Workers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Server;

/// <summary>The composition root, shared by Program and the tests that start the real server.</summary>
public static class HubServer
{
    /// <summary>Default address when neither --urls nor ASPNETCORE_URLS names one.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private const string ReloadOnChangeVariable = "DOTNET_hostBuilder__reloadConfigOnChange";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings are read once at start. Watching appsettings for changes would watch the whole
        // content root, and with it the default data folder: every database write would wake a
        // file watcher (measured: ~10 % of the CPU of a drain). The host reads this switch from
        // DOTNET_ variables only, before the command line; an operator's own value wins.
        if (Environment.GetEnvironmentVariable(ReloadOnChangeVariable) is null)
        {
            Environment.SetEnvironmentVariable(ReloadOnChangeVariable, "false");
        }

        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        var settings = builder.Configuration.GetSection(ServerSettings.Section).Get<ServerSettings>() ?? new ServerSettings();
        DataFolder.Prepare(settings.DataFolder);
        var hostStart = new HostStartLog();
        builder.Logging.AddFilter(HostStartLog.Category, hostStart.Allows);
        var storage = builder.Configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        var hub = builder.Services.AddIntegrationHub(builder.Configuration);
        StorageProviders.Compose(hub, builder.Services.AddReferenceLab(settings.DataFolder), storage, settings);
        LogProviders.Compose(hub, builder.Configuration.GetSection(LogsSettings.Section).Get<LogsSettings>() ?? new LogsSettings());
        builder.Services.AddIntegrationHubWeb(builder.Configuration);
        builder.Services.AddReferenceLabWeb();
        builder.Services.AddHubSecretProtection(settings.DataFolder);
        builder.Services.AddIntegrationDashboard();
        builder.Services.AddControllers();
        RoleChecks.Verify(settings.Role, builder.Services);
        if (settings.Role == HubRole.Web)
        {
            // Queued work is the worker processes' to deliver.
            foreach (var pool in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DeliveryWorkerPool)).ToList())
            {
                builder.Services.Remove(pool);
            }
        }

        builder.Services.PostConfigure<SpoolOptions>(o => o.SpoolFolder = Path.IsPathRooted(o.SpoolFolder) ? o.SpoolFolder : Path.Combine(settings.DataFolder, o.SpoolFolder));

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(hostStart.Started);
        app.WarnAboutUnknownSettings();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHubSecurityHeaders();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestGuards();
        app.RequireSignInFor("/openapi");
        app.UseIntegrationDirectory();
        app.MapGet("/health", () => Results.Ok(new { status = "ok", role = settings.Role.ToString() })).AllowAnonymous().ExcludeFromDescription();
        if (settings.Role != HubRole.Worker)
        {
            app.MapOpenApi();
            app.MapIntegrationApi().MapReferenceLabApi();
            app.MapSandbox();
            app.MapDashboard();
            app.MapControllers();
        }

        return app;
    }

    /// <summary>Brings the hub's schema and the lab's (its EF Core migrations) to this release before anything is served.</summary>
    public static async Task InitializeAsync(this WebApplication app)
    {
        // Invalid settings fail here, before any work, rather than inside the host's start.
        app.Services.GetService<IStartupValidator>()?.Validate();

        // The hub's schema first (a file backend creates its file there); the lab's tables go into the same database.
        foreach (var storage in app.Services.GetServices<IStorageInitializer>())
        {
            await storage.InitializeAsync(CancellationToken.None);
        }

        await LabDatabase.MigrateAsync(app.Services);
        var settings = app.Configuration.GetSection(ServerSettings.Section).Get<ServerSettings>() ?? new ServerSettings();
        await app.Services.GetRequiredService<BootstrapAccess>().EnsureAsync(settings.DataFolder, CancellationToken.None);
    }

    /// <summary>One warning per key under <c>IntegrationHub</c> that no option reads (a misspelling, mostly), naming the likely intended key.</summary>
    private static void WarnAboutUnknownSettings(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigurationKeys).FullName!);
        foreach (var (key, suggestion) in ConfigurationKeys.Known.Unknown(app.Configuration))
        {
            if (suggestion is null)
            {
                logger.LogWarning("Unknown setting {Key} is ignored: no option of the hub has that name.", key);
            }
            else
            {
                logger.LogWarning("Unknown setting {Key} is ignored; did you mean {Suggestion}?", key, suggestion);
            }
        }
    }

    /// <summary>The addresses Kestrel actually listens on (port 0 resolved).</summary>
    public static IReadOnlyList<string> Addresses(this WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    internal static SandboxReceiver Sandbox(this WebApplication app) => app.Services.GetRequiredService<SandboxReceiver>();
}
