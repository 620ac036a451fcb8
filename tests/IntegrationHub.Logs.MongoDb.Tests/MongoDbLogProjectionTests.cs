using IntegrationHub.Actions;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb.Tests;

/// <summary>
/// The projection the relay writes: idempotent and ordered by the log's version, whatever order
/// and however often the relay (one per process, after crashes) hands it snapshots.
/// </summary>
public sealed class MongoDbLogProjectionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private MongoDbTestDatabase _db = null!;

    private MongoDbLogStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await MongoDbTestDatabase.CreateAsync();
        _store = new MongoDbLogStore(_db.Database, new FakeTimeProvider(T0));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly IntegrationLog Queued = new()
    {
        Id = IntegrationLog.NewId(),
        LabId = 3,
        ActionId = (int)ActionId.PatientRegistration,
        ActionName = nameof(ActionId.PatientRegistration),
        IntegrationId = 12,
        IntegrationName = "EMR",
        Context = new LogContext { PatientId = 77 },
        CreatedAt = T0,
        State = new LogState { UpdatedAt = T0 },
    };

    private static AttemptRecord Attempt(int number, LogStatus outcome) => new()
    {
        LogId = Queued.Id,
        Attempt = number,
        Outcome = outcome,
        StartedAt = T0.AddSeconds(number),
        DurationMs = 5,
        Error = outcome == LogStatus.Success ? null : new ErrorRecord(ErrorClass.HttpStatus, "HTTP 503", 503),
    };

    // The log as the storage would hold it after the given attempts, at the given version.
    private static LogSnapshot After(long version, params AttemptRecord[] attempts)
    {
        var state = attempts.Length == 0 ? new LogState { UpdatedAt = T0 } : LogStateTransitions.After(attempts[^1], T0.AddMinutes(attempts.Length));
        return new LogSnapshot(Queued with { State = state with { Version = version } }, attempts, []);
    }

    [Fact]
    public async Task An_older_snapshot_after_a_newer_one_changes_nothing()
    {
        var first = Attempt(1, LogStatus.Retrying);
        var second = Attempt(2, LogStatus.Success);
        await _store.ProjectAsync(After(2, first, second), CancellationToken.None);
        await _store.ProjectAsync(After(1, first), CancellationToken.None);
        await _store.ProjectAsync(After(0), CancellationToken.None);

        var log = (await _store.GetAsync(Queued.Id, CancellationToken.None))!;
        Assert.Equal(LogStatus.Success, log.State.Status);
        Assert.Equal(2, log.State.Version);
        Assert.Equal(2, (await _store.GetAttemptsAsync(Queued.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_same_snapshots_written_again_land_once_and_are_found_by_every_filter()
    {
        var attempt = Attempt(1, LogStatus.Fail);
        var ack = new PartnerAcknowledgement { Status = AcknowledgementStatus.Rejected, ReceivedAt = T0.AddMinutes(5), Reason = "Unknown patient" };
        var snapshot = After(3, attempt) with { Acknowledgements = [ack] };
        for (var i = 0; i < 3; i++)
        {
            await _store.ProjectAsync(After(0), CancellationToken.None);
            await _store.ProjectAsync(snapshot, CancellationToken.None);
        }

        Assert.Equal(1, await _db.Database.Logs.CountDocumentsAsync(new BsonDocument()));
        Assert.Single(await _store.GetAttemptsAsync(Queued.Id, CancellationToken.None));
        Assert.Equal("Unknown patient", Assert.Single(await _store.GetAcknowledgementsAsync(Queued.Id, CancellationToken.None)).Reason);
        Assert.Single((await _store.QueryAsync(new LogQuery { PatientId = 77, Status = LogStatus.Fail, IntegrationId = 12, LabIds = [3] }, CancellationToken.None)).Items);
        var signatures = await _store.GetErrorSignaturesAsync([3], T0, T0.AddHours(1), 5, CancellationToken.None);
        Assert.Equal(1, Assert.Single(signatures).Count);
        var stats = await _store.GetStatsAsync(null, T0, T0.AddHours(1), CancellationToken.None);
        Assert.Equal(1, stats.Total.Fail);
        Assert.Equal(1, stats.Total.Total);
    }

    [Fact]
    public async Task Attempts_and_callbacks_the_store_lacks_are_added_in_order_as_the_log_grows()
    {
        var first = Attempt(1, LogStatus.Retrying);
        var second = Attempt(2, LogStatus.Retrying);
        var third = Attempt(3, LogStatus.Success);
        var early = new PartnerAcknowledgement { Status = AcknowledgementStatus.Rejected, ReceivedAt = T0.AddMinutes(1) };
        var late = new PartnerAcknowledgement { Status = AcknowledgementStatus.Acked, ReceivedAt = T0.AddMinutes(9) };
        await _store.ProjectAsync(After(1, first) with { Acknowledgements = [early] }, CancellationToken.None);
        await _store.ProjectAsync(After(3, first, second, third) with { Acknowledgements = [early, late] }, CancellationToken.None);

        Assert.Equal([1, 2, 3], (await _store.GetAttemptsAsync(Queued.Id, CancellationToken.None)).Select(a => a.Attempt));
        Assert.Equal([AcknowledgementStatus.Rejected, AcknowledgementStatus.Acked], (await _store.GetAcknowledgementsAsync(Queued.Id, CancellationToken.None)).Select(a => a.Status));
        Assert.Equal(LogStatus.Success, (await _store.GetAsync(Queued.Id, CancellationToken.None))!.State.Status);
    }

    [Fact]
    public async Task The_write_once_document_is_kept_when_a_later_snapshot_carries_less_of_it()
    {
        var withPayload = After(0) with { Log = After(0).Log with { Payload = new BodyRecord("application/json", "{\"mrn\":\"M-77\"}", 14, Truncated: false) } };
        await _store.ProjectAsync(withPayload, CancellationToken.None);

        // The storage dropped the payload it no longer needs; the state moved on.
        await _store.ProjectAsync(After(1, Attempt(1, LogStatus.Success)), CancellationToken.None);

        var log = (await _store.GetAsync(Queued.Id, CancellationToken.None))!;
        Assert.Equal("{\"mrn\":\"M-77\"}", log.Payload?.Text);
        Assert.Equal(LogStatus.Success, log.State.Status);
        Assert.Equal(1, log.State.Version);
    }

    [Fact]
    public async Task A_field_the_new_state_no_longer_has_is_removed()
    {
        var failed = Attempt(1, LogStatus.Retrying);
        await _store.ProjectAsync(After(1, failed), CancellationToken.None);
        Assert.True((await _db.Database.Logs.Find(new BsonDocument("_id", Queued.Id)).FirstAsync()).Contains("errorSignature"));

        await _store.ProjectAsync(After(2, failed, Attempt(2, LogStatus.Success)), CancellationToken.None);

        var stored = await _db.Database.Logs.Find(new BsonDocument("_id", Queued.Id)).FirstAsync();
        Assert.False(stored.Contains("errorSignature"));
        Assert.False(stored.Contains("errorClass"));
        Assert.Empty((await _store.QueryAsync(new LogQuery { ErrorSignature = LogStateColumns.Of(After(1, failed).Log.State).ErrorSignature }, CancellationToken.None)).Items);
    }
}
