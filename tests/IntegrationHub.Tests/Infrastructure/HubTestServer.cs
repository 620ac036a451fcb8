using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>The real server (the same composition as Program) on Kestrel at 127.0.0.1:0, over a fresh data folder.</summary>
public sealed class HubTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HubTestServer(WebApplication app, string dataFolder, HttpClient client)
    {
        _app = app;
        DataFolder = dataFolder;
        Client = client;
    }

    public string DataFolder { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public string DatabasePath => Path.Combine(DataFolder, "hub.db");

    /// <summary>When set, disposing stops the server but leaves the data folder, for a restart on it.</summary>
    public bool KeepDataFolder { get; set; }

    public static async Task<HubTestServer> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null, string? dataFolder = null)
    {
        dataFolder ??= Path.Combine(Path.GetTempPath(), "hub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var app = HubServer.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IntegrationHub:DataFolder"] = dataFolder,
                ["IntegrationHub:RetryBaseDelay"] = "00:00:00.200",
                ["IntegrationHub:RetryMaxDelay"] = "00:00:01",
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.InitializeAsync();
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Addresses()[0]) };
        return new HubTestServer(app, dataFolder, client);
    }

    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
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
