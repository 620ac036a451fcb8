using IntegrationHub.Logging;
using IntegrationHub.Queue;
using IntegrationHub.Storage;
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

    [Fact]
    public async Task Finishes_of_every_kind_written_together_each_land_as_if_alone()
    {
        // Leases that lapsed and were taken again, made first, so the receives at their lapse take them.
        var stale = new List<LeasedTask>();
        for (var i = 0; i < 4; i++)
        {
            stale.Add(await QueuedDeliveryAsync());
        }

        foreach (var lease in stale)
        {
            Assert.Equal(lease.TaskId, (await ReceiveOneAsync(lease.LeasedUntil))?.TaskId);
        }

        var ending = new List<LeasedTask>();
        var goingOn = new List<LeasedTask>();
        var acknowledged = new List<LeasedTask>();
        var referenced = new List<LeasedTask>();
        for (var i = 0; i < 8; i++)
        {
            ending.Add(await QueuedDeliveryAsync());
            goingOn.Add(await QueuedDeliveryAsync());
        }

        for (var i = 0; i < 4; i++)
        {
            // The partner acknowledged before the finish was written.
            var lease = await QueuedDeliveryAsync();
            await Stores.Logs.AcknowledgeAsync(
                new AcknowledgementRequest
                {
                    IntegrationId = 10,
                    DeliveryLogId = lease.Task.LogId,
                    Acknowledgement = new PartnerAcknowledgement { Status = AcknowledgementStatus.Acked, ReceivedAt = Time.GetUtcNow(), PartnerReference = $"EMR-{i}" },
                },
                CancellationToken.None);
            acknowledged.Add(lease);

            // An earlier attempt named the partner's reference.
            var second = await QueuedDeliveryAsync();
            await Stores.Logs.RecordAttemptAsync(Attempt(second.Task.LogId, 1, LogStatus.Retrying, Time.GetUtcNow()) with { PartnerReference = $"REF-{i}" }, CancellationToken.None);
            referenced.Add(second);
        }

        var due = Time.GetUtcNow().AddMinutes(5);
        var finishes = new List<Task<bool>>();
        finishes.AddRange(stale.Select(l => Stores.Outbox.FinishAsync(l, Attempt(l.Task.LogId, 1, LogStatus.Success), null, null, CancellationToken.None)));
        finishes.AddRange(ending.Select(l => Stores.Outbox.FinishAsync(l, Attempt(l.Task.LogId, 1, LogStatus.Fail), null, null, CancellationToken.None)));
        finishes.AddRange(goingOn.Select(l => Stores.Outbox.FinishAsync(
            l, Attempt(l.Task.LogId, 1, LogStatus.Retrying, due), l.Task with { Attempt = 2, RunAttempt = 2 }, due, CancellationToken.None)));
        finishes.AddRange(acknowledged.Select(l => Stores.Outbox.FinishAsync(l, Attempt(l.Task.LogId, 1, LogStatus.Success), null, null, CancellationToken.None)));
        finishes.AddRange(referenced.Select(l => Stores.Outbox.FinishAsync(l, Attempt(l.Task.LogId, 2, LogStatus.Success), null, null, CancellationToken.None)));
        var owned = await Task.WhenAll(finishes);

        Assert.Equal([.. Enumerable.Repeat(false, 4), .. Enumerable.Repeat(true, 24)], owned);
        foreach (var lease in stale.Concat(ending).Concat(goingOn).Concat(acknowledged))
        {
            Assert.Single(await Stores.Reads.GetAttemptsAsync(lease.Task.LogId, CancellationToken.None));
        }

        foreach (var (lease, i) in acknowledged.Select((l, i) => (l, i)))
        {
            var state = (await Stores.Reads.GetAsync(lease.Task.LogId, CancellationToken.None))!.State;
            Assert.Equal(LogStatus.Success, state.Status);
            Assert.Equal(AcknowledgementStatus.Acked, state.Acknowledgement?.Status);
            Assert.Equal($"EMR-{i}", state.PartnerReference);
        }

        foreach (var (lease, i) in referenced.Select((l, i) => (l, i)))
        {
            var state = (await Stores.Reads.GetAsync(lease.Task.LogId, CancellationToken.None))!.State;
            Assert.Equal((LogStatus.Success, 2, $"REF-{i}"), (state.Status, state.Attempts, state.PartnerReference));
        }

        foreach (var (lease, status) in ending.Select(l => (l, LogStatus.Fail)).Concat(goingOn.Select(l => (l, LogStatus.Retrying))))
        {
            Assert.Equal(status, (await Stores.Reads.GetAsync(lease.Task.LogId, CancellationToken.None))?.State.Status);
        }

        // Left in the queue: the stale leases' tasks (their new owners hold them) and the retries, due later.
        Assert.Equal(4 + 8, await Stores.Transport.CountAsync(CancellationToken.None));
        TransportClock.Now = due;
        var retries = await Stores.Transport.ReceiveAsync(new ReceiveRequest(100, new Dictionary<long, int>(), 100, TimeSpan.Zero), CancellationToken.None);
        Assert.Equal(goingOn.Select(l => l.Task.LogId).Order(), retries.Where(r => r.Task.Attempt == 2).Select(r => r.Task.LogId).Order());
    }
}
