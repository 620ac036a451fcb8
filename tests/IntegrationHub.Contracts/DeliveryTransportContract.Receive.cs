using IntegrationHub.Storage;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>The receive's long poll: it waits for work, and never longer than asked.</summary>
public abstract partial class DeliveryTransportContract
{
    // Generous: the promise is that the wait ends, not how fast this machine is.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<long, int> Uncapped = [];

    [Fact]
    public async Task A_waiting_receive_takes_a_task_published_while_it_waits()
    {
        var receive = Transport.ReceiveAsync(new ReceiveRequest(4, Uncapped, 4, TimeSpan.FromMinutes(5)), CancellationToken.None);
        var task = Delivery();

        await EnqueueAsync(task, T0);

        var leases = await receive.WaitAsync(Bound);
        Assert.Equal(task.LogId, Assert.Single(leases).Task.LogId);
    }

    [Fact]
    public async Task A_receive_with_nothing_to_take_returns_empty_once_its_wait_is_over()
    {
        await EnqueueAsync(Delivery(), T0.AddHours(1));

        var leases = await Transport.ReceiveAsync(new ReceiveRequest(4, Uncapped, 4, TimeSpan.FromMilliseconds(200)), CancellationToken.None).WaitAsync(Bound);

        Assert.Empty(leases);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task A_cancelled_wait_returns_empty_without_throwing()
    {
        using var cancel = new CancellationTokenSource();
        var receive = Transport.ReceiveAsync(new ReceiveRequest(4, Uncapped, 4, TimeSpan.FromMinutes(5)), cancel.Token);

        await cancel.CancelAsync();

        Assert.Empty(await receive.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_receive_already_cancelled_still_hands_out_what_is_due()
    {
        var task = Delivery();
        await EnqueueAsync(task, T0);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var leases = await Transport.ReceiveAsync(new ReceiveRequest(4, Uncapped, 4, TimeSpan.FromMinutes(5)), cancel.Token).WaitAsync(Bound);

        Assert.Equal(task.LogId, Assert.Single(leases).Task.LogId);
    }

    [Fact]
    public async Task A_task_retried_at_a_time_is_taken_by_a_receive_waiting_for_it()
    {
        await EnqueueAsync(Delivery(), T0);
        var lease = await LeaseExistingAsync(T0);
        Clock.Now = T0.AddSeconds(1);
        var receive = Transport.ReceiveAsync(new ReceiveRequest(4, Uncapped, 4, TimeSpan.FromMinutes(5)), CancellationToken.None);

        Assert.True(await Transport.RetryAtAsync(lease, lease.Task with { Attempt = 2 }, Clock.Now, CancellationToken.None));

        var again = Assert.Single(await receive.WaitAsync(Bound));
        Assert.Equal(2, again.Task.Attempt);
    }
}
