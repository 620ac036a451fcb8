using IntegrationHub.Queue;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class DispatchQueueContract
{
    [Fact]
    public async Task A_leased_task_is_not_leased_again_before_its_lease_lapses()
    {
        await EnqueueAsync(Delivery(timeoutSeconds: 30), T0);
        var lease = await LeaseExistingAsync(T0);

        Assert.Null(await LeaseAsync(T0.AddSeconds(1)));
        Assert.Null(await LeaseAsync(lease.LeasedUntil.AddMilliseconds(-1)));
    }

    [Fact]
    public async Task A_task_whose_lease_lapsed_is_leased_again()
    {
        var task = Delivery(timeoutSeconds: 30);
        await EnqueueAsync(task, T0);
        await LeaseExistingAsync(T0);
        var later = T0 + LeaseOf(30) + TimeSpan.FromSeconds(1);

        var again = await LeaseExistingAsync(later);

        Assert.Equal(task.LogId, again.Task.LogId);
        Assert.Equal(2, again.TimesLeased);
        Assert.Equal(later + LeaseOf(30), again.LeasedUntil);
        Assert.Equal(1, await Queue.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Completing_a_task_removes_it()
    {
        await EnqueueAsync(Delivery(), T0);
        var lease = await LeaseExistingAsync(T0);

        Assert.True(await Queue.CompleteAsync(lease, CancellationToken.None));

        Assert.Equal(0, await Queue.CountAsync(CancellationToken.None));
        Assert.Null(await Queue.NextDueAsync(CancellationToken.None));
        Assert.Null(await LeaseAsync(T0 + LeaseOf(30) + TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Completing_with_a_stale_lease_returns_false_and_keeps_the_task()
    {
        await EnqueueAsync(Delivery(), T0);
        var stale = await LeaseExistingAsync(T0);
        var current = await LeaseExistingAsync(T0 + LeaseOf(30) + TimeSpan.FromSeconds(1));

        Assert.False(await Queue.CompleteAsync(stale, CancellationToken.None));

        Assert.Equal(1, await Queue.CountAsync(CancellationToken.None));
        Assert.True(await Queue.CompleteAsync(current, CancellationToken.None));
        Assert.Equal(0, await Queue.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Completing_the_same_lease_twice_returns_false_the_second_time()
    {
        await EnqueueAsync(Delivery(), T0);
        var lease = await LeaseExistingAsync(T0);

        Assert.True(await Queue.CompleteAsync(lease, CancellationToken.None));
        Assert.False(await Queue.CompleteAsync(lease, CancellationToken.None));
    }

    [Fact]
    public async Task Rescheduling_replaces_the_task_and_makes_it_due_at_the_new_time()
    {
        var first = Delivery(timeoutSeconds: 30);
        await EnqueueAsync(first, T0);
        var lease = await LeaseExistingAsync(T0);
        var next = first with { Attempt = 2, RunAttempt = 2 };

        Assert.True(await Queue.RescheduleAsync(lease, next, T0.AddSeconds(5), CancellationToken.None));

        Assert.Equal(1, await Queue.CountAsync(CancellationToken.None));
        Assert.Equal(T0.AddSeconds(5), await Queue.NextDueAsync(CancellationToken.None));
        Assert.Null(await LeaseAsync(T0.AddSeconds(5).AddMilliseconds(-1)));
        var again = await LeaseExistingAsync(T0.AddSeconds(5));
        Assert.Equal(next, again.Task);
        Assert.Equal(T0.AddSeconds(5) + LeaseOf(30), again.LeasedUntil);
    }

    [Fact]
    public async Task Rescheduling_sizes_the_next_lease_by_the_next_task()
    {
        var first = Delivery(timeoutSeconds: 30);
        await EnqueueAsync(first, T0);
        var lease = await LeaseExistingAsync(T0);

        await Queue.RescheduleAsync(lease, first with { Attempt = 2, TimeoutSeconds = 5 }, T0.AddSeconds(1), CancellationToken.None);

        var again = await LeaseExistingAsync(T0.AddSeconds(1));
        Assert.Equal(T0.AddSeconds(1) + LeaseOf(5), again.LeasedUntil);
    }

    [Fact]
    public async Task Rescheduling_with_a_stale_lease_returns_false_and_changes_nothing()
    {
        var first = Delivery();
        await EnqueueAsync(first, T0);
        var stale = await LeaseExistingAsync(T0);
        var current = await LeaseExistingAsync(T0 + LeaseOf(30) + TimeSpan.FromSeconds(1));

        Assert.False(await Queue.RescheduleAsync(stale, first with { Attempt = 2 }, T0, CancellationToken.None));

        Assert.Equal(current.LeasedUntil, await Queue.NextDueAsync(CancellationToken.None));
        Assert.True(await Queue.CompleteAsync(current, CancellationToken.None));
    }

    [Fact]
    public async Task Next_due_is_null_for_an_empty_queue()
    {
        Assert.Null(await Queue.NextDueAsync(CancellationToken.None));
        Assert.Equal(0, await Queue.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Next_due_is_the_earliest_available_time()
    {
        await EnqueueAsync(Delivery(), T0.AddSeconds(30));
        await EnqueueAsync(Delivery(), T0.AddSeconds(10));
        await EnqueueAsync(Delivery(), T0.AddSeconds(20));

        Assert.Equal(T0.AddSeconds(10), await Queue.NextDueAsync(CancellationToken.None));
        Assert.Equal(3, await Queue.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Next_due_of_a_leased_task_is_when_its_lease_lapses()
    {
        await EnqueueAsync(Delivery(timeoutSeconds: 30), T0);
        await EnqueueAsync(Delivery(timeoutSeconds: 30), T0.AddHours(1));

        var lease = await LeaseExistingAsync(T0);

        Assert.Equal(lease.LeasedUntil, await Queue.NextDueAsync(CancellationToken.None));
        Assert.Equal(2, await Queue.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_leases_never_hand_out_the_same_task_twice()
    {
        var tasks = Enumerable.Range(0, 20).Select(_ => Delivery()).ToList();
        foreach (var task in tasks)
        {
            await EnqueueAsync(task, T0);
        }

        var leases = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => LeaseAsync(T0.AddSeconds(1)))));

        var leased = leases.OfType<LeasedTask>().Select(l => l.Task.LogId).ToList();
        Assert.Equal(tasks.Select(t => t.LogId).Order(), leased.Order());
    }
}
