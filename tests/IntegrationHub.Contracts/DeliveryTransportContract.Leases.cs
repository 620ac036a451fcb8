using IntegrationHub.Queue;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class DeliveryTransportContract
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
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Completing_a_task_removes_it()
    {
        await EnqueueAsync(Delivery(), T0);
        var lease = await LeaseExistingAsync(T0);

        Assert.True(await Transport.AcknowledgeAsync(lease, CancellationToken.None));

        Assert.Equal(0, await CountAsync());
        Assert.Null(await LeaseAsync(T0 + LeaseOf(30) + TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Completing_with_a_stale_lease_returns_false_and_keeps_the_task()
    {
        await EnqueueAsync(Delivery(), T0);
        var stale = await LeaseExistingAsync(T0);
        var current = await LeaseExistingAsync(T0 + LeaseOf(30) + TimeSpan.FromSeconds(1));

        Assert.False(await Transport.AcknowledgeAsync(stale, CancellationToken.None));

        Assert.Equal(1, await CountAsync());
        Assert.True(await Transport.AcknowledgeAsync(current, CancellationToken.None));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Completing_the_same_lease_twice_returns_false_the_second_time()
    {
        await EnqueueAsync(Delivery(), T0);
        var lease = await LeaseExistingAsync(T0);

        Assert.True(await Transport.AcknowledgeAsync(lease, CancellationToken.None));
        Assert.False(await Transport.AcknowledgeAsync(lease, CancellationToken.None));
    }

    [Fact]
    public async Task Rescheduling_replaces_the_task_and_makes_it_due_at_the_new_time()
    {
        var first = Delivery(timeoutSeconds: 30);
        await EnqueueAsync(first, T0);
        var lease = await LeaseExistingAsync(T0);
        var next = first with { Attempt = 2, RunAttempt = 2 };

        Assert.True(await Transport.RetryAtAsync(lease, next, T0.AddSeconds(5), CancellationToken.None));

        Assert.Equal(1, await CountAsync());
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

        await Transport.RetryAtAsync(lease, first with { Attempt = 2, TimeoutSeconds = 5 }, T0.AddSeconds(1), CancellationToken.None);

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

        Assert.False(await Transport.RetryAtAsync(stale, first with { Attempt = 2 }, T0, CancellationToken.None));

        Assert.Null(await LeaseAsync(current.LeasedUntil.AddMilliseconds(-1)));
        Assert.True(await Transport.AcknowledgeAsync(current, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_transport_counts_nothing_and_hands_out_nothing()
    {
        Assert.Equal(0, await CountAsync());
        Assert.Null(await LeaseAsync(T0.AddYears(1)));
    }

    [Fact]
    public async Task The_earliest_due_task_comes_first_and_none_before_it_is_due()
    {
        var third = Delivery();
        var first = Delivery();
        var second = Delivery();
        await EnqueueAsync(third, T0.AddSeconds(30));
        await EnqueueAsync(first, T0.AddSeconds(10));
        await EnqueueAsync(second, T0.AddSeconds(20));

        Assert.Equal(3, await CountAsync());
        Assert.Null(await LeaseAsync(T0.AddSeconds(10).AddMilliseconds(-1)));
        Assert.Equal(first.LogId, (await LeaseExistingAsync(T0.AddSeconds(10))).Task.LogId);
        Assert.Null(await LeaseAsync(T0.AddSeconds(20).AddMilliseconds(-1)));
    }

    [Fact]
    public async Task A_leased_task_counts_until_acknowledged_and_comes_back_when_its_lease_lapses()
    {
        await EnqueueAsync(Delivery(timeoutSeconds: 30), T0);
        await EnqueueAsync(Delivery(timeoutSeconds: 30), T0.AddHours(1));

        var lease = await LeaseExistingAsync(T0);

        Assert.Equal(2, await CountAsync());
        Assert.Null(await LeaseAsync(lease.LeasedUntil.AddMilliseconds(-1)));
        Assert.Equal(lease.Task.LogId, (await LeaseExistingAsync(lease.LeasedUntil)).Task.LogId);
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
