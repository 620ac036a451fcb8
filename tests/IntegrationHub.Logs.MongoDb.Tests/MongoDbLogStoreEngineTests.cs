using IntegrationHub.Actions;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb.Tests;

/// <summary>
/// What the MongoDB store adds to the contract: with no multi-document transaction, a write a crash
/// stopped halfway is finished by the next write of the same record, and a document over the
/// engine's bound is stored cut and flagged, never dropped.
/// </summary>
public sealed class MongoDbLogStoreEngineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private MongoDbTestDatabase _db = null!;

    private MongoDbLogStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await MongoDbTestDatabase.CreateAsync(maxDocumentBytes: 64 * 1024);
        _store = new MongoDbLogStore(_db.Database, new FakeTimeProvider(T0));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static IntegrationLog NewLog(BodyRecord? payload = null) => new()
    {
        Id = IntegrationLog.NewId(),
        LabId = 1,
        ActionId = (int)ActionId.ReportSigned,
        ActionName = nameof(ActionId.ReportSigned),
        IntegrationId = 10,
        IntegrationName = "EMR",
        CreatedAt = T0,
        Payload = payload,
        State = new LogState { UpdatedAt = T0 },
    };

    private static AttemptRecord Attempt(string logId, int number, LogStatus outcome) => new()
    {
        LogId = logId,
        Attempt = number,
        Outcome = outcome,
        StartedAt = T0.AddSeconds(number),
        DurationMs = 10,
    };

    [Fact]
    public async Task An_attempt_recorded_before_a_crash_moves_its_log_when_the_record_comes_again()
    {
        var log = NewLog();
        await _store.CreateAsync(log, CancellationToken.None);

        // The crash: the attempt's document is in, the log's state never moved.
        var attempt = Attempt(log.Id, 1, LogStatus.Success);
        await _db.Database.Attempts.InsertOneAsync(new BsonDocument { { "logId", log.Id }, { "attempt", 1L }, { "startedAt", T0.UtcDateTime }, { "doc", HubJson.Serialize(attempt) } });
        Assert.Equal(LogStatus.Queued, (await _store.GetAsync(log.Id, CancellationToken.None))!.State.Status);

        Assert.True(await _store.RecordAttemptAsync(attempt, CancellationToken.None));
        var moved = (await _store.GetAsync(log.Id, CancellationToken.None))!;
        Assert.Equal(LogStatus.Success, moved.State.Status);
        Assert.Equal(1, moved.State.Attempts);
        Assert.Single(await _store.GetAttemptsAsync(log.Id, CancellationToken.None));

        // A third write of it changes nothing: the version stays.
        await _store.RecordAttemptAsync(attempt, CancellationToken.None);
        Assert.Equal(moved.State.Version, (await _store.GetAsync(log.Id, CancellationToken.None))!.State.Version);
    }

    [Fact]
    public async Task A_callback_recorded_before_a_crash_reaches_its_log_when_the_partner_sends_it_again()
    {
        var log = NewLog();
        await _store.CreateAsync(log, CancellationToken.None);
        await _store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Success), CancellationToken.None);
        var ack = new PartnerAcknowledgement { Status = AcknowledgementStatus.Acked, ReceivedAt = T0.AddMinutes(1), WebhookId = "wh-1", PartnerReference = "EMR-7" };

        // The crash: the callback's document is in, the log never took it.
        await _db.Database.Acknowledgements.InsertOneAsync(new BsonDocument
        {
            { "integrationId", 10L }, { "webhookId", "wh-1" }, { "logId", log.Id }, { "receivedAt", ack.ReceivedAt.UtcDateTime }, { "doc", HubJson.Serialize(ack) },
        });
        Assert.Null((await _store.GetAsync(log.Id, CancellationToken.None))!.State.Acknowledgement);

        var again = await _store.AcknowledgeAsync(new AcknowledgementRequest { IntegrationId = 10, DeliveryLogId = log.Id, Acknowledgement = ack }, CancellationToken.None);
        Assert.Equal(AcknowledgementOutcome.Duplicate, again.Outcome);
        var acknowledged = (await _store.GetAsync(log.Id, CancellationToken.None))!;
        Assert.Equal(AcknowledgementStatus.Acked, acknowledged.State.Acknowledgement?.Status);
        Assert.Equal("EMR-7", acknowledged.State.PartnerReference);
        Assert.Single(await _store.GetAcknowledgementsAsync(log.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_log_over_the_document_bound_is_stored_cut_and_flagged_and_reads_back()
    {
        var text = new string('x', 200_000);
        var log = NewLog(new BodyRecord("application/json", text, text.Length, Truncated: false));
        await _store.CreateAsync(log, CancellationToken.None);

        var read = (await _store.GetAsync(log.Id, CancellationToken.None))!;
        Assert.True(read.Payload!.Truncated);
        Assert.Equal(200_000, read.Payload.Size);
        Assert.Equal(64 * 1024 / 8, read.Payload.Text.Length);
        var stored = await _db.Database.Logs.Find(new BsonDocument("_id", log.Id)).FirstAsync();
        Assert.True(stored["truncated"].AsBoolean);
        Assert.Single((await _store.QueryAsync(new LogQuery { IntegrationId = 10 }, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task An_attempt_over_the_document_bound_is_stored_cut_and_flagged()
    {
        var log = NewLog();
        await _store.CreateAsync(log, CancellationToken.None);
        var answer = new string('y', 300_000);
        var attempt = Attempt(log.Id, 1, LogStatus.Fail) with
        {
            Response = new ResponseRecord { StatusCode = 500, Body = new BodyRecord("text/plain", answer, answer.Length, Truncated: false) },
        };

        Assert.True(await _store.RecordAttemptAsync(attempt, CancellationToken.None));
        var recorded = Assert.Single(await _store.GetAttemptsAsync(log.Id, CancellationToken.None));
        Assert.True(recorded.Response!.Body!.Truncated);
        Assert.Equal(300_000, recorded.Response.Body.Size);
        Assert.Equal(LogStatus.Fail, (await _store.GetAsync(log.Id, CancellationToken.None))!.State.Status);
        var stored = await _db.Database.Attempts.Find(new BsonDocument("logId", log.Id)).FirstAsync();
        Assert.True(stored["truncated"].AsBoolean);
    }

    [Fact]
    public async Task Indexes_are_made_once_and_making_them_again_changes_nothing()
    {
        await _db.Database.EnsureIndexesAsync(CancellationToken.None);
        var names = (await (await _db.Database.Logs.Indexes.ListAsync()).ToListAsync()).Select(i => i["name"].AsString).ToList();
        Assert.Contains("ix_integration", names);
        Assert.Contains("ix_partner_reference", names);
        Assert.Equal(names.Count, names.Distinct().Count());
        var attempts = (await (await _db.Database.Attempts.Indexes.ListAsync()).ToListAsync()).Single(i => i["name"] == "ux_attempt");
        Assert.True(attempts["unique"].ToBoolean());
    }
}
