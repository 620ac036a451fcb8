using System.Net;
using System.Net.Sockets;
using IntegrationHub.Contracts;
using IntegrationHub.Logs.MongoDb;
using IntegrationHub.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Tests.Logs;

/// <summary>
/// The document store stopped for 10 s mid-run and started again, on an engine of this test's own:
/// deliveries and business calls go on, reads of logs answer 503, and every log and attempt of the
/// outage lands in the store afterwards, once. The jongodb test engine keeps nothing across its
/// restart (a real MongoDB would keep what it had), so the count is of the outage's logs.
/// </summary>
public sealed class MongoDbLogOutageTests : IAsyncLifetime
{
    private readonly Dictionary<string, string> _engine = new()
    {
        ["HUB_MONGO_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HUB_MONGO_DIR"] = Path.Combine(Path.GetTempPath(), "hub-tests", "jongodb-" + Guid.NewGuid().ToString("N")),
    };

    private string _uri = "";

    public Task InitializeAsync()
    {
        _uri = PostgreSqlTestServer.RunScript("start-jongodb.sh", _engine);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        PostgreSqlTestServer.RunScript("stop-jongodb.sh", _engine);
        return Task.CompletedTask;
    }

    // A free port below the ephemeral range (32768-60999 here), so no outgoing connection takes it
    // while the engine is stopped.
    private static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    [Fact]
    public async Task A_10_second_outage_of_the_document_store_loses_nothing_and_doubles_nothing()
    {
        await using var sink = await TestSink.StartAsync();
        await using var hub = await HubTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["IntegrationHub:Logs:Provider"] = "MongoDb",
            ["IntegrationHub:Logs:ConnectionString"] = _uri,
            ["IntegrationHub:Logs:RelayPollMs"] = "20",
        });
        var lab = await hub.Client.CreateLabAsync("OUTAGE");
        await hub.Client.CreateIntegrationAsync(lab, 57, sink.Url("/emr"));
        var before = (await hub.Client.RegisterPatientAsync(lab, "MRN-O0")).LogIds.Single();
        await HubApi.WaitUntilAsync(async () => (await hub.Client.GetAsync($"/api/logs/{before}")).StatusCode == HttpStatusCode.OK, what: "the first log in the store");

        PostgreSqlTestServer.RunScript("stop-jongodb.sh", _engine);
        var stopped = DateTime.UtcNow;
        var during = new List<string>();
        for (var i = 1; i <= 10; i++)
        {
            // Business calls do not touch the log store: each is answered as usual.
            during.Add((await hub.Client.RegisterPatientAsync(lab, $"MRN-O{i}")).LogIds.Single());
        }

        await HubApi.WaitUntilAsync(() => sink.RequestsTo("/emr").Count == 11, what: "every delivery of the outage at the partner");
        var read = await hub.Client.GetAsync($"/api/logs/{during[0]}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.Equal("5", read.Headers.RetryAfter?.ToString());
        Assert.Contains("log store is unavailable", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var rest = TimeSpan.FromSeconds(10) - (DateTime.UtcNow - stopped);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        PostgreSqlTestServer.RunScript("start-jongodb.sh", _engine);
        var documents = hub.Services.GetRequiredService<MongoDbLogStore>();
        foreach (var logId in during)
        {
            await HubApi.WaitUntilAsync(
                async () => await documents.GetAsync(logId, CancellationToken.None) is { State.Status: IntegrationHub.Logging.LogStatus.Success },
                seconds: 60, what: $"log {logId} of the outage in the store");
        }

        await HubApi.WaitUntilAsync(async () => await hub.Services.GetRequiredService<IntegrationHub.Storage.ILogChangeFeed>().PendingAsync(CancellationToken.None) == 0, what: "every change note relayed");
        var store = hub.Services.GetRequiredService<MongoDbLogDatabase>();
        var ofOutage = Builders<BsonDocument>.Filter.In("_id", during);
        Assert.Equal(10, await store.Logs.CountDocumentsAsync(ofOutage));
        Assert.Equal(10, await store.Attempts.CountDocumentsAsync(Builders<BsonDocument>.Filter.In("logId", during)));
        Assert.Equal(11, sink.RequestsTo("/emr").Count);
        Assert.Equal(during.Order(), sink.RequestsTo("/emr").Skip(1).Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["event"]!["deliveryId"]!.GetValue<string>()).Order());
    }
}
