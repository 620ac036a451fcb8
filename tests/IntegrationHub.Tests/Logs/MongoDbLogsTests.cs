using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.Logs.MongoDb;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Webhooks;
using IntegrationHub.Workers;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Tests.Logs;

/// <summary>
/// The server with its logs in a MongoDB-compatible store (the jongodb test engine here, a
/// database of this class's own), beside the storage of <c>HUB_TEST_BACKEND</c>: every read the
/// API answers comes from the document store, kept by the relay from the storage's change notes.
/// </summary>
public sealed class MongoDbLogsTests : HubTest
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    private readonly string _database = $"hub_e2e_{Guid.NewGuid():N}";

    private long _lab;

    protected override Dictionary<string, string?> Settings => new()
    {
        ["IntegrationHub:Logs:Provider"] = "MongoDb",
        ["IntegrationHub:Logs:ConnectionString"] = MongoDbTestServer.ConnectionString,
        ["IntegrationHub:Logs:Database"] = _database,
        ["IntegrationHub:Logs:RelayPollMs"] = "20",
        ["IntegrationHub:RetryBaseDelay"] = "00:00:10",
        ["IntegrationHub:RetryMaxDelay"] = "00:05:00",
    };

    protected override TimeProvider Time => _time;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("MONGO");
    }

    public override async Task DisposeAsync()
    {
        var database = Hub.Services.GetRequiredService<MongoDbLogDatabase>();
        await base.DisposeAsync();
        foreach (var collection in new[] { database.Logs, database.Attempts, database.Acknowledgements })
        {
            await collection.DeleteManyAsync(new BsonDocument());
        }
    }

    // A log the document store does not hold yet is read from the storage; these tests wait for the document store's own copy.
    private async Task<JsonNode> WaitForAsync(string logId, Func<JsonNode, bool> done)
    {
        JsonNode? found = null;
        await HubApi.WaitUntilAsync(async () =>
        {
            var stored = await Hub.Services.GetRequiredService<MongoDbLogStore>().GetAsync(logId, CancellationToken.None);
            var answer = await Hub.Client.GetAsync($"/api/logs/{logId}");
            found = answer.StatusCode == HttpStatusCode.OK ? await answer.ReadJsonAsync() : null;
            return stored is not null && found is not null && done(found);
        }, what: $"log {logId} in the document store");
        return found!;
    }

    [Fact]
    public async Task Every_read_of_a_fanned_out_delivery_comes_from_the_document_store()
    {
        Assert.Equal("ProjectedLogReadModel", Hub.Services.GetRequiredService<ILogReadModel>().GetType().Name);
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/emr"));
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/insurer"));

        var logIds = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-M1")).LogIds;

        Assert.Equal(2, logIds.Length);
        foreach (var logId in logIds)
        {
            var log = await WaitForAsync(logId, l => l.Status() == "Success");
            Assert.Single(log["attempts"]!.AsArray());
            Assert.Contains("MRN-M1", log["attempts"]![0]!["request"]!["body"]!["text"]!.GetValue<string>());
        }

        Assert.Single(Sink.RequestsTo("/emr"));
        Assert.Single(Sink.RequestsTo("/insurer"));
        var stored = Hub.Services.GetRequiredService<MongoDbLogDatabase>();
        Assert.Equal(2, await stored.Logs.CountDocumentsAsync(Builders<BsonDocument>.Filter.In("_id", logIds)));
        var page = await Hub.Client.GetFromJsonAsync<JsonNode>($"/api/logs?labId={_lab}&direction=Outbound&status=Success");
        Assert.Equal(logIds.Order(), page!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order());
        await HubApi.WaitUntilAsync(async () => await Hub.Services.GetRequiredService<ILogChangeFeed>().PendingAsync(CancellationToken.None) == 0, what: "every change note relayed");
        Assert.NotNull(Hub.Services.GetRequiredService<LogProjectionRelay>().LastLag);
    }

    [Fact]
    public async Task A_delivery_just_caused_is_found_before_the_relay_brings_it_over()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/fast"));
        var relay = Hub.Services.GetRequiredService<LogProjectionRelay>();
        await relay.StopAsync(CancellationToken.None);

        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-M4")).LogIds.Single();

        Assert.Null(await Hub.Services.GetRequiredService<MongoDbLogStore>().GetAsync(logId, CancellationToken.None));
        var log = await Hub.Client.GetLogAsync(logId);
        Assert.Equal(logId, log["log"]!["id"]!.GetValue<string>());
        await relay.StartAsync(CancellationToken.None);
        await WaitForAsync(logId, l => l.Status() == "Success");
    }

    [Fact]
    public async Task Retries_on_the_schedule_and_a_manual_retry_reach_the_document_store_in_order()
    {
        var calls = 0;
        Sink.Responder = _ => Task.FromResult(Interlocked.Increment(ref calls) <= 2 ? SinkResponse.WithStatus(503) : SinkResponse.Ok("{}"));
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/flaky"), new { maxAttempts = 2 });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-M2")).LogIds.Single();

        await WaitForAsync(logId, l => l.Attempts() == 1 && l.Status() == "Retrying");
        _time.Advance(TimeSpan.FromSeconds(10));
        var failed = await WaitForAsync(logId, l => l.Status() == "Fail");
        Assert.Equal(2, failed.Attempts());

        var retry = await Hub.Client.PostAsync($"/api/logs/{logId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var done = await WaitForAsync(logId, l => l.Status() == "Success");
        Assert.Equal(["Retrying", "Fail", "Success"], done["attempts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.Equal(["Automatic", "Automatic", "Manual"], done["attempts"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()));
        Assert.Equal(3, Sink.RequestsTo("/flaky").Count);
    }

    [Fact]
    public async Task A_partners_signed_acknowledgement_shows_on_the_delivery_read_from_the_document_store()
    {
        var integration = await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/ack"), new { referenceField = "id", webhooks = new { inboundSecrets = new[] { PartnerCallbacks.Secret } } });
        Sink.Responder = _ => Task.FromResult(SinkResponse.Ok("""{"id":"EMR-M3"}"""));
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-M3")).LogIds.Single();
        await WaitForAsync(logId, l => l.Status() == "Success");

        var answer = await Hub.Anonymous().SendAsync(PartnerCallbacks.Signed(integration, """{"status":"acked","reference":"EMR-M3"}""", at: _time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var detail = await WaitForAsync(logId, l => l["log"]!["state"]!["acknowledgement"] is not null);
        Assert.Equal("Acked", detail["log"]!["state"]!["acknowledgement"]!["status"]!.GetValue<string>());
        Assert.Single(detail["acknowledgements"]!.AsArray());
    }
}
