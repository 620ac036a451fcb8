using IntegrationHub.Actions;
using IntegrationHub.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.PostgreSql.Tests;

/// <summary>The notes of changed logs a document store's relay reads, on PostgreSQL.</summary>
public sealed class PostgreSqlLogChangeFeedTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private PostgreSqlTestDatabase _db = null!;

    private PostgreSqlLogStore _logs = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        _logs = new PostgreSqlLogStore(_db.Database, new FakeTimeProvider(T0));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<PostgreSqlLogChangeFeed> FeedAsync(bool enabled)
    {
        var feed = new PostgreSqlLogChangeFeed(_db.Database, _logs, Options.Create(new LogChangeFeedOptions { Enabled = enabled }));
        await feed.InitializeAsync(CancellationToken.None);
        return feed;
    }

    private async Task<string> DeliveredAsync()
    {
        var log = new IntegrationLog
        {
            Id = IntegrationLog.NewId(),
            LabId = 1,
            ActionId = (int)ActionId.PatientRegistration,
            ActionName = nameof(ActionId.PatientRegistration),
            IntegrationId = 5,
            CreatedAt = T0,
            State = new LogState { UpdatedAt = T0 },
        };
        await _logs.CreateAsync(log, CancellationToken.None);
        await _logs.RecordAttemptAsync(new AttemptRecord { LogId = log.Id, Attempt = 1, Outcome = LogStatus.Success, StartedAt = T0 }, CancellationToken.None);
        return log.Id;
    }

    [Fact]
    public async Task Every_change_of_a_log_is_noted_and_read_once_as_the_log_is_now()
    {
        var feed = await FeedAsync(enabled: true);
        var logId = await DeliveredAsync();

        var batch = await feed.ReadAsync(100, CancellationToken.None);

        Assert.Equal(3, batch.Notes.Count); // the insert, the attempt, the state's move
        var snapshot = Assert.Single(batch.Logs);
        Assert.Equal(logId, snapshot.Log.Id);
        Assert.Equal(LogStatus.Success, snapshot.Log.State.Status);
        Assert.Single(snapshot.Attempts);
        Assert.NotNull(batch.OldestNotedAt);
        await feed.CompleteAsync(batch, CancellationToken.None);
        Assert.Equal(0, await feed.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Relays_reading_at_once_split_the_notes_and_notes_given_back_are_read_again()
    {
        var feed = await FeedAsync(enabled: true);
        for (var i = 0; i < 10; i++)
        {
            await DeliveredAsync();
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => feed.ReadAsync(12, CancellationToken.None)));

        var claimed = batches.SelectMany(b => b.Notes).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(30, claimed.Count);
        Assert.Empty((await feed.ReadAsync(100, CancellationToken.None)).Notes);

        await feed.ReleaseAsync(batches[0], CancellationToken.None);
        Assert.Equal(batches[0].Notes.Order(), (await feed.ReadAsync(100, CancellationToken.None)).Notes.Order());
        Assert.Equal(30, await feed.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_feed_turned_off_notes_nothing_and_drops_what_was_left()
    {
        var on = await FeedAsync(enabled: true);
        await DeliveredAsync();
        Assert.Equal(3, await on.PendingAsync(CancellationToken.None));

        var off = await FeedAsync(enabled: false);
        await DeliveredAsync();

        Assert.Equal(0, await off.PendingAsync(CancellationToken.None));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'hub_log_change'"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'hub_log_change%'"));
    }
}
