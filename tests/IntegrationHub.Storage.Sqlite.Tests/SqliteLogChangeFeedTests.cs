using IntegrationHub.Actions;
using IntegrationHub.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IntegrationHub.Storage.Sqlite.Tests;

/// <summary>The notes of changed logs a document store's relay reads, in the SQLite file.</summary>
public sealed class SqliteLogChangeFeedTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestDatabase _db = SqliteTestDatabase.Create();

    private readonly SqliteLogStore _logs;

    public SqliteLogChangeFeedTests() => _logs = new SqliteLogStore(_db.Database, new FakeTimeProvider(T0));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<SqliteLogChangeFeed> FeedAsync(bool enabled)
    {
        var feed = new SqliteLogChangeFeed(_db.Database, _logs, Options.Create(new LogChangeFeedOptions { Enabled = enabled }));
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
    public async Task Every_change_of_a_log_is_noted_read_as_the_log_is_now_and_removed_once_completed()
    {
        var feed = await FeedAsync(enabled: true);
        var logId = await DeliveredAsync();

        var batch = await feed.ReadAsync(100, CancellationToken.None);

        Assert.Equal(3, batch.Notes.Count);
        var snapshot = Assert.Single(batch.Logs);
        Assert.Equal(logId, snapshot.Log.Id);
        Assert.Equal(LogStatus.Success, snapshot.Log.State.Status);
        Assert.Single(snapshot.Attempts);
        var later = await DeliveredAsync();
        await feed.CompleteAsync(batch, CancellationToken.None);
        Assert.Equal(3, await feed.PendingAsync(CancellationToken.None));
        Assert.Equal(later, Assert.Single((await feed.ReadAsync(100, CancellationToken.None)).Logs).Log.Id);
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
        Assert.Empty((await off.ReadAsync(100, CancellationToken.None)).Notes);
    }
}
