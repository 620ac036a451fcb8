using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Server;
using IntegrationHub.Tests.Infrastructure.Backends;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// The real server (the same composition as Program) on Kestrel at 127.0.0.1:0, over a fresh data
/// folder, storing in the backend <c>HUB_TEST_BACKEND</c> names (see <see cref="TestBackend"/>).
/// </summary>
public sealed class HubTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>The admin API key every test server is started with; <see cref="Client"/> sends it.</summary>
    public const string AdminApiKey = "ihk_test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>The bootstrap admin's password on every test server.</summary>
    public const string AdminPassword = "test-admin-password";

    private HubTestServer(WebApplication app, string dataFolder, HttpClient client)
    {
        _app = app;
        DataFolder = dataFolder;
        Client = client;
        Faults = TestBackend.Current.FaultsFor(dataFolder);
    }

    public string BaseUrl => Client.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>A client with no credentials at all.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Client.BaseAddress };

    /// <summary>A client carrying a new API key with this role and lab scope ("*" or "1,2").</summary>
    public async Task<HttpClient> ClientForAsync(string role, string labs)
    {
        var created = await Client.PostOkAsync("/api/keys", new { name = $"test-{role}-{labs}", role, labs });
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", created["key"]!.GetValue<string>());
        return client;
    }

    public string DataFolder { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The fault-injection hook on this server's storage: outages, tampering, facts no interface answers.</summary>
    public IBackendFaults Faults { get; }

    /// <summary>When set, disposing stops the server but leaves the data folder, for a restart on it.</summary>
    public bool KeepDataFolder { get; set; }

    /// <param name="extend">Adds services before the build (controllers of this assembly, say) and endpoints after it.</param>
    public static async Task<HubTestServer> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null, string? dataFolder = null, TestEndpoints? extend = null)
    {
        dataFolder ??= Path.Combine(Path.GetTempPath(), "hub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var storage = await TestBackend.Current.PrepareServerAsync(dataFolder);
        var app = HubServer.Build(["--urls", "http://127.0.0.1:0", .. storage], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IntegrationHub:DataFolder"] = dataFolder,
                ["IntegrationHub:RetryBaseDelay"] = "00:00:00.200",
                ["IntegrationHub:RetryMaxDelay"] = "00:00:01",
                ["IntegrationHub:Security:AdminPassword"] = AdminPassword,
                ["IntegrationHub:Security:BootstrapApiKey"] = AdminApiKey,

                // Test partners (TestSink) listen on loopback, which the destination policy refuses by default.
                ["IntegrationHub:Destinations:Allow:0"] = "127.0.0.0/8",
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            extend?.Services?.Invoke(builder.Services);
        });
        extend?.Map?.Invoke(app);
        await app.InitializeAsync();
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Addresses()[0]) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiKey);
        return new HubTestServer(app, dataFolder, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        TestBackend.Current.Release(DataFolder, delete: !KeepDataFolder);
        if (KeepDataFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
