using IntegrationHub.Actions;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>
/// What every <see cref="ILogChangeFeed"/> must do: note each change of a log in the storage's own
/// transaction while enabled, give each changed log once and whole, remove only the notes read,
/// and note nothing (and keep nothing) once turned off. A backend's test class supplies a fresh,
/// empty storage per test.
/// </summary>
public abstract class LogChangeFeedContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(T0);

    /// <summary>The storage's log store, whose writes the feed notes.</summary>
    protected ILogStore Logs { get; private set; } = null!;

    /// <summary>A new, empty storage and its log store.</summary>
    protected abstract Task<ILogStore> CreateStorageAsync(FakeTimeProvider time);

    /// <summary>The storage's feed, initialised (its triggers made or dropped) as <paramref name="enabled"/> says.</summary>
    protected abstract Task<ILogChangeFeed> FeedAsync(bool enabled);

    /// <summary>Removes what <see cref="CreateStorageAsync"/> created.</summary>
    protected abstract Task DeleteStorageAsync();

    public async Task InitializeAsync() => Logs = await CreateStorageAsync(Time);

    public Task DisposeAsync() => DeleteStorageAsync();

    /// <summary>A log created and delivered at once: three changes (its insert, its attempt, its state's move).</summary>
    protected async Task<string> DeliveredAsync()
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
        await Logs.CreateAsync(log, CancellationToken.None);
        await Logs.RecordAttemptAsync(new AttemptRecord { LogId = log.Id, Attempt = 1, Outcome = LogStatus.Success, StartedAt = T0 }, CancellationToken.None);
        return log.Id;
    }

    [Fact]
    public async Task Every_change_of_a_log_is_noted_and_the_log_read_once_as_it_is_now()
    {
        var feed = await FeedAsync(enabled: true);
        var logId = await DeliveredAsync();

        var batch = await feed.ReadAsync(100, CancellationToken.None);

        Assert.Equal(3, batch.Notes.Count);
        var snapshot = Assert.Single(batch.Logs);
        Assert.Equal(logId, snapshot.Log.Id);
        Assert.Equal(LogStatus.Success, snapshot.Log.State.Status);
        Assert.Single(snapshot.Attempts);
        Assert.NotNull(batch.OldestNotedAt);
    }

    [Fact]
    public async Task Completing_a_batch_removes_its_notes_and_only_those()
    {
        var feed = await FeedAsync(enabled: true);
        await DeliveredAsync();
        var batch = await feed.ReadAsync(100, CancellationToken.None);
        var later = await DeliveredAsync();

        await feed.CompleteAsync(batch, CancellationToken.None);

        Assert.Equal(3, await feed.PendingAsync(CancellationToken.None));
        Assert.Equal(later, Assert.Single((await feed.ReadAsync(100, CancellationToken.None)).Logs).Log.Id);
    }

    [Fact]
    public async Task A_batch_given_back_is_read_again()
    {
        var feed = await FeedAsync(enabled: true);
        await DeliveredAsync();
        var batch = await feed.ReadAsync(100, CancellationToken.None);

        await feed.ReleaseAsync(batch, CancellationToken.None);

        Assert.Equal(batch.Notes.Order(), (await feed.ReadAsync(100, CancellationToken.None)).Notes.Order());
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
        Assert.Equal(0, await (await FeedAsync(enabled: true)).PendingAsync(CancellationToken.None));
    }
}
