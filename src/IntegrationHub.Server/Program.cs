using IntegrationHub.Server;

// Before anything writes a file: whatever this process creates is owner-only (SQLite's files too).
ProcessUmask.RestrictToOwner();
return await StartupErrors.RunAsync(async () =>
{
    // The demo's partners are the built-in sandbox, which exists only in demo mode.
    var demo = args.Contains("--demo");
    await using var app = HubServer.Build([.. args.Where(a => a != "--demo"), .. demo ? new[] { "--IntegrationHub:Sandbox:Enabled=true" } : []]);
    await app.InitializeAsync();
    await app.StartAsync();
    var addresses = app.Addresses();
    var url = addresses.Count > 0 ? addresses[0] : HubServer.DefaultUrl;
    Task traffic = Task.CompletedTask;
    if (demo)
    {
        var (labId, seeded) = await DemoSeeder.SeedAsync(app.Services, url);
        var every = app.Configuration.GetValue(DemoTraffic.EverySecondsKey, DemoTraffic.DefaultEverySeconds);
        if (seeded)
        {
            Console.WriteLine($"Demo: seeded the lab 'Demo Diagnostics' (DEMO) with four integrations to the built-in sandbox partner at {url}/sandbox (Star Insurance always answers 503), two patients (DEMO-001, DEMO-002), a bill and a signed report.");
        }

        if (every > 0)
        {
            Console.WriteLine($"Demo: one more business event every {every} s ({DemoTraffic.EverySecondsKey}; 0 stops it); the registry is sometimes slow and the reports partner fails now and then.");
            traffic = DemoTraffic.RunAsync(app.Services, labId, TimeSpan.FromSeconds(every), app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.Demo"), app.Lifetime.ApplicationStopping);
        }

        Console.WriteLine($"Demo: sign in at {url}/login as the admin (HUB_ADMIN_USER, default 'admin'; password HUB_ADMIN_PASSWORD, or the one generated on the first run into {Path.GetFullPath(Path.Combine(app.Configuration["IntegrationHub:DataFolder"] ?? "data", IntegrationHub.Web.Security.BootstrapAccess.PasswordFileName))}).");
    }

    Console.WriteLine($"Integration Hub listening on {url}  (dashboard: {url}/, API: {url}/api with an X-Api-Key header, OpenAPI: {url}/openapi/v1.json)");
    await app.WaitForShutdownAsync();
    await traffic;
});

/// <summary>Entry point; public so tests can reference the assembly's composition.</summary>
public partial class Program;
