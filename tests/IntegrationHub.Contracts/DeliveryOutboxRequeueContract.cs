using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Queue;
using IntegrationHub.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>
/// What every <see cref="IDeliveryOutbox.RequeueAsync"/> must do (the transactional
/// <see cref="IDeliveryOutbox.WriteAsync"/> needs a backend's own transaction and is tested per backend).
/// </summary>
public abstract partial class DeliveryOutboxRequeueContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(T0);

    /// <summary>The transport's clock, set by <see cref="ReceiveOneAsync"/> (the log store's only moves forward).</summary>
    protected ManualClock TransportClock { get; } = new(T0);

    protected OutboxStores Stores { get; private set; } = null!;

    /// <summary>
    /// A log store, outbox and transport sharing one new, empty backend; the log store reads
    /// <paramref name="time"/>, the transport <paramref name="transportClock"/>.
    /// </summary>
    protected abstract Task<OutboxStores> CreateStoresAsync(FakeTimeProvider time, TimeProvider transportClock, LeaseOptions options);

    /// <summary>Removes what <see cref="CreateStoresAsync"/> created.</summary>
    protected abstract Task DeleteStoresAsync();

    public async Task InitializeAsync() => Stores = await CreateStoresAsync(Time, TransportClock, new LeaseOptions());

    /// <summary>Receives at most one task at <paramref name="now"/>, without waiting.</summary>
    protected async Task<LeasedTask?> ReceiveOneAsync(DateTimeOffset now)
    {
        TransportClock.Now = now;
        var leases = await Stores.Transport.ReceiveAsync(new ReceiveRequest(1, new Dictionary<long, int>(), 1, TimeSpan.Zero), CancellationToken.None);
        return leases.Count == 0 ? null : Assert.Single(leases);
    }

    public Task DisposeAsync() => DeleteStoresAsync();

    [Theory]
    [InlineData(LogStatus.Success)]
    [InlineData(LogStatus.Fail)]
    public async Task A_finished_log_at_the_expected_version_is_requeued_with_its_task(LogStatus finished)
    {
        var (log, version) = await CreateFinishedLogAsync(finished);
        Time.Advance(TimeSpan.FromMinutes(1));
        var state = QueuedAgain();
        var task = ManualRetry(log.Id);

        Assert.True(await Stores.Outbox.RequeueAsync(log.Id, version, state, task, CancellationToken.None));

        var read = await Stores.Reads.GetAsync(log.Id, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(LogStatus.Queued, read.State.Status);
        Assert.Equal(1, read.State.Attempts);
        Assert.Equal(Time.GetUtcNow(), read.State.UpdatedAt);
        Assert.Null(read.State.CompletedAt);
        Assert.Equal(version + 1, read.State.Version);
        Assert.Equal(1, await Stores.Transport.CountAsync(CancellationToken.None));
        var lease = await ReceiveOneAsync(Time.GetUtcNow());
        Assert.NotNull(lease);
        Assert.Equal(task, lease.Task);
    }

    [Fact]
    public async Task Requeueing_twice_at_the_same_expected_version_succeeds_only_once()
    {
        var (log, version) = await CreateFinishedLogAsync(LogStatus.Fail);

        Assert.True(await Stores.Outbox.RequeueAsync(log.Id, version, QueuedAgain(), ManualRetry(log.Id), CancellationToken.None));
        Assert.False(await Stores.Outbox.RequeueAsync(log.Id, version, QueuedAgain(), ManualRetry(log.Id), CancellationToken.None));

        Assert.Equal(1, await Stores.Transport.CountAsync(CancellationToken.None));
        var read = await Stores.Reads.GetAsync(log.Id, CancellationToken.None);
        Assert.Equal(version + 1, read?.State.Version);
    }

    [Fact]
    public async Task Requeueing_at_a_stale_version_returns_false_and_changes_nothing()
    {
        var (log, version) = await CreateFinishedLogAsync(LogStatus.Fail);

        Assert.False(await Stores.Outbox.RequeueAsync(log.Id, version - 1, QueuedAgain(), ManualRetry(log.Id), CancellationToken.None));

        var read = await Stores.Reads.GetAsync(log.Id, CancellationToken.None);
        Assert.Equal(LogStatus.Fail, read?.State.Status);
        Assert.Equal(version, read?.State.Version);
        Assert.Equal(0, await Stores.Transport.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_queued_log_is_not_requeued()
    {
        var log = NewLog();
        await Stores.Logs.CreateAsync(log, CancellationToken.None);
        var version = (await Stores.Reads.GetAsync(log.Id, CancellationToken.None))!.State.Version;

        Assert.False(await Stores.Outbox.RequeueAsync(log.Id, version, QueuedAgain(), ManualRetry(log.Id), CancellationToken.None));

        Assert.Equal(0, await Stores.Transport.CountAsync(CancellationToken.None));
        Assert.Equal(version, (await Stores.Reads.GetAsync(log.Id, CancellationToken.None))?.State.Version);
    }

    [Fact]
    public async Task A_retrying_log_is_not_requeued()
    {
        var log = NewLog();
        await Stores.Logs.CreateAsync(log, CancellationToken.None);
        await Stores.Logs.RecordAttemptAsync(
            new AttemptRecord { LogId = log.Id, Attempt = 1, Outcome = LogStatus.Retrying, StartedAt = T0, NextAttemptAt = T0.AddSeconds(2) },
            CancellationToken.None);
        var version = (await Stores.Reads.GetAsync(log.Id, CancellationToken.None))!.State.Version;

        Assert.False(await Stores.Outbox.RequeueAsync(log.Id, version, QueuedAgain(), ManualRetry(log.Id), CancellationToken.None));

        Assert.Equal(0, await Stores.Transport.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_log_is_not_requeued()
    {
        var id = IntegrationLog.NewId();

        Assert.False(await Stores.Outbox.RequeueAsync(id, 0, QueuedAgain(), ManualRetry(id), CancellationToken.None));

        Assert.Equal(0, await Stores.Transport.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_requeues_at_the_same_version_let_exactly_one_win()
    {
        var (log, version) = await CreateFinishedLogAsync(LogStatus.Fail);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Stores.Outbox.RequeueAsync(log.Id, version, QueuedAgain(), ManualRetry(log.Id), CancellationToken.None))));

        Assert.Single(results, won => won);
        Assert.Equal(1, await Stores.Transport.CountAsync(CancellationToken.None));
        Assert.Equal(version + 1, (await Stores.Reads.GetAsync(log.Id, CancellationToken.None))?.State.Version);
    }

    private static IntegrationLog NewLog() => ContractLogs.Queued(T0);

    /// <summary>A log finished by one attempt, and its version after it.</summary>
    private async Task<(IntegrationLog Log, long Version)> CreateFinishedLogAsync(LogStatus outcome)
    {
        var log = NewLog();
        await Stores.Logs.CreateAsync(log, CancellationToken.None);
        await Stores.Logs.RecordAttemptAsync(new AttemptRecord { LogId = log.Id, Attempt = 1, Outcome = outcome, StartedAt = T0 }, CancellationToken.None);
        var read = await Stores.Reads.GetAsync(log.Id, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(outcome, read.State.Status);
        return (read, read.State.Version);
    }

    /// <summary>What a manual retry moves a log to: queued again, its attempt count kept.</summary>
    private LogState QueuedAgain() => new() { Status = LogStatus.Queued, Attempts = 1, UpdatedAt = Time.GetUtcNow() };

    private static DispatchTask ManualRetry(string logId) => new()
    {
        LogId = logId,
        IntegrationId = 10,
        Attempt = 2,
        AttemptKind = AttemptKind.Manual,
        RequestedBy = "alice",
    };
}
