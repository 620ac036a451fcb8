using IntegrationHub.Logging;
using IntegrationHub.Queue;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>What every <see cref="IDeliveryOutbox.FinishAsync"/> must do: the attempt and the task move together.</summary>
public abstract partial class DeliveryOutboxRequeueContract
{
    private async Task<LeasedTask> QueuedDeliveryAsync()
    {
        var log = NewLog() with { Id = IntegrationLog.NewId() };
        await Stores.Logs.CreateAsync(log, CancellationToken.None);
        await Stores.Transport.PublishAsync(new DispatchTask { LogId = log.Id, IntegrationId = 5, TimeoutSeconds = 10 }, Time.GetUtcNow(), CancellationToken.None);
        return (await ReceiveOneAsync(Time.GetUtcNow()))!;
    }

    private AttemptRecord Attempt(string logId, int number, LogStatus outcome, DateTimeOffset? next = null) => new()
    {
        LogId = logId,
        Attempt = number,
        Outcome = outcome,
        StartedAt = Time.GetUtcNow(),
        NextAttemptAt = next,
    };

    [Fact]
    public async Task Finishing_records_the_attempt_and_completes_the_task()
    {
        var lease = await QueuedDeliveryAsync();

        Assert.True(await Stores.Outbox.FinishAsync(lease, Attempt(lease.Task.LogId, 1, LogStatus.Success), null, null, CancellationToken.None));

        var log = await Stores.Reads.GetAsync(lease.Task.LogId, CancellationToken.None);
        Assert.Equal(LogStatus.Success, log?.State.Status);
        Assert.Single(await Stores.Reads.GetAttemptsAsync(lease.Task.LogId, CancellationToken.None));
        Assert.Equal(0, await Stores.Transport.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Finishing_with_a_next_attempt_reschedules_the_task_for_it()
    {
        var lease = await QueuedDeliveryAsync();
        var due = Time.GetUtcNow().AddMinutes(1);
        var next = lease.Task with { Attempt = 2, RunAttempt = 2 };

        Assert.True(await Stores.Outbox.FinishAsync(lease, Attempt(lease.Task.LogId, 1, LogStatus.Retrying, due), next, due, CancellationToken.None));

        Assert.Equal(LogStatus.Retrying, (await Stores.Reads.GetAsync(lease.Task.LogId, CancellationToken.None))?.State.Status);
        Assert.Null(await ReceiveOneAsync(Time.GetUtcNow()));
        var again = await ReceiveOneAsync(due);
        Assert.Equal(2, again?.Task.Attempt);
    }

    [Fact]
    public async Task Finishing_after_the_lease_lapsed_keeps_the_attempt_and_leaves_the_new_owners_task()
    {
        var stale = await QueuedDeliveryAsync();
        var retaken = await ReceiveOneAsync(stale.LeasedUntil);
        Assert.NotNull(retaken);

        Assert.False(await Stores.Outbox.FinishAsync(stale, Attempt(stale.Task.LogId, 1, LogStatus.Success), null, null, CancellationToken.None));

        Assert.Single(await Stores.Reads.GetAttemptsAsync(stale.Task.LogId, CancellationToken.None));
        Assert.Equal(1, await Stores.Transport.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Many_concurrent_finishes_all_land()
    {
        var leases = new List<LeasedTask>();
        for (var i = 0; i < 40; i++)
        {
            leases.Add(await QueuedDeliveryAsync());
        }

        var owned = await Task.WhenAll(leases.Select(l => Stores.Outbox.FinishAsync(l, Attempt(l.Task.LogId, 1, LogStatus.Success), null, null, CancellationToken.None)));

        Assert.All(owned, Assert.True);
        Assert.Equal(0, await Stores.Transport.CountAsync(CancellationToken.None));
        foreach (var lease in leases)
        {
            Assert.Equal(LogStatus.Success, (await Stores.Reads.GetAsync(lease.Task.LogId, CancellationToken.None))?.State.Status);
        }
    }
}
