using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class DeliveryTransportContract
{
    private static readonly Dictionary<long, int> NoCaps = [];

    private async Task<List<string>> EnqueueEachAsync(params long[] integrations)
    {
        var ids = new List<string>();
        for (var i = 0; i < integrations.Length; i++)
        {
            var task = Delivery($"log-{i}", integrations[i]);
            ids.Add(task.LogId);
            await EnqueueAsync(task, T0.AddSeconds(i));
        }

        return ids;
    }

    [Fact]
    public async Task A_batch_takes_up_to_max_due_tasks_oldest_first()
    {
        var ids = await EnqueueEachAsync(1, 2, 3, 4, 5);

        var batch = await ReceiveAsync(T0.AddMinutes(1), NoCaps, 10, 3);

        Assert.Equal(ids.Take(3), batch.Select(l => l.Task.LogId));
        Assert.All(batch, l => Assert.Equal(1, l.TimesLeased));
        Assert.Equal(2, (await ReceiveAsync(T0.AddMinutes(1), NoCaps, 10, 10)).Count);
    }

    [Fact]
    public async Task A_batch_takes_no_more_of_an_integration_than_its_cap()
    {
        var ids = await EnqueueEachAsync(7, 7, 7, 8, 8, 9);

        var batch = await ReceiveAsync(T0.AddMinutes(1), new Dictionary<long, int> { [7] = 2, [8] = 0 }, 1, 10);

        Assert.Equal([ids[0], ids[1], ids[5]], batch.Select(l => l.Task.LogId));
    }

    [Fact]
    public async Task Tasks_in_a_batch_are_leased_each_on_its_own()
    {
        await EnqueueEachAsync(1, 2);
        var batch = await ReceiveAsync(T0.AddMinutes(1), NoCaps, 10, 10);

        Assert.True(await Transport.AcknowledgeAsync(batch[0], CancellationToken.None));
        Assert.Equal(1, await CountAsync());
        Assert.Empty(await ReceiveAsync(T0.AddMinutes(1), NoCaps, 10, 10));
        Assert.True(await Transport.AcknowledgeAsync(batch[1], CancellationToken.None));
    }
}
