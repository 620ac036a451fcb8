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
    if (demo)
    {
        await DemoSeeder.SeedAsync(app.Services, url);
    }

    Console.WriteLine($"Integration Hub listening on {url}  (dashboard: {url}/, API: {url}/api with an X-Api-Key header, OpenAPI: {url}/openapi/v1.json)");
    await app.WaitForShutdownAsync();
});

/// <summary>Entry point; public so tests can reference the assembly's composition.</summary>
public partial class Program;
