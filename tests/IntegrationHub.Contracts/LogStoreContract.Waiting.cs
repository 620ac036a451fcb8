using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task Waiting_deliveries_are_counted_per_integration_with_the_oldest_and_the_next_retry()
    {
        var queuedOld = NewLog(T0.AddMinutes(-10));
        var queuedNew = NewLog(T0.AddMinutes(-5));
        var retryLater = NewLog(T0.AddMinutes(-8));
        var retrySooner = NewLog(T0.AddMinutes(-7));
        var delivered = NewLog(T0.AddMinutes(-20));
        var failed = NewLog(T0.AddMinutes(-30));
        var elsewhere = NewLog(T0.AddMinutes(-3), labId: 2, integrationId: 20);
        await CreateAllAsync(queuedOld, queuedNew, retryLater, retrySooner, delivered, failed, elsewhere);
        await Store.RecordAttemptAsync(Attempt(retryLater.Id, 1, LogStatus.Retrying, T0.AddMinutes(-6)) with { NextAttemptAt = T0.AddMinutes(2) }, CancellationToken.None);
        await Store.RecordAttemptAsync(Attempt(retrySooner.Id, 1, LogStatus.Retrying, T0.AddMinutes(-6)) with { NextAttemptAt = T0.AddMinutes(1) }, CancellationToken.None);
        await Store.RecordAttemptAsync(Attempt(delivered.Id, 1, LogStatus.Success, T0.AddMinutes(-19)), CancellationToken.None);
        await Store.RecordAttemptAsync(Attempt(failed.Id, 1, LogStatus.Fail, T0.AddMinutes(-29)), CancellationToken.None);

        var all = await Reads.GetWaitingAsync(null, null, CancellationToken.None);

        Assert.Equal(2, all.Count);
        Assert.Equal((10L, 2L, 2L, T0.AddMinutes(-10), (DateTimeOffset?)T0.AddMinutes(1)), (all[0].IntegrationId, all[0].Queued, all[0].Retrying, all[0].OldestSince, all[0].NextRetryAt));
        Assert.Equal((20L, 1L, 0L, T0.AddMinutes(-3), (DateTimeOffset?)null), (all[1].IntegrationId, all[1].Queued, all[1].Retrying, all[1].OldestSince, all[1].NextRetryAt));
        Assert.Equal([20L], (await Reads.GetWaitingAsync([2], null, CancellationToken.None)).Select(w => w.IntegrationId));
        Assert.Equal([10L], (await Reads.GetWaitingAsync(null, 10, CancellationToken.None)).Select(w => w.IntegrationId));
        Assert.Empty(await Reads.GetWaitingAsync([], null, CancellationToken.None));
    }

    [Fact]
    public async Task Nothing_waits_when_every_delivery_has_ended()
    {
        var log = NewLog(T0.AddMinutes(-1));
        await CreateAllAsync(log);
        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Success, T0), CancellationToken.None);

        Assert.Empty(await Reads.GetWaitingAsync(null, null, CancellationToken.None));
    }
}
