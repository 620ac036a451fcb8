using IntegrationHub.Logging;
using IntegrationHub.Queue;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class DispatchQueueContract
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

        var batch = await Queue.TryLeaseManyAsync(T0.AddMinutes(1), NoCaps, defaultCap: 10, max: 3, CancellationToken.None);

        Assert.Equal(ids.Take(3), batch.Select(l => l.Task.LogId));
        Assert.All(batch, l => Assert.Equal(1, l.TimesLeased));
        Assert.Equal(2, (await Queue.TryLeaseManyAsync(T0.AddMinutes(1), NoCaps, 10, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_batch_takes_no_more_of_an_integration_than_its_cap()
    {
        var ids = await EnqueueEachAsync(7, 7, 7, 8, 8, 9);

        var batch = await Queue.TryLeaseManyAsync(T0.AddMinutes(1), new Dictionary<long, int> { [7] = 2, [8] = 0 }, defaultCap: 1, max: 10, CancellationToken.None);

        Assert.Equal([ids[0], ids[1], ids[5]], batch.Select(l => l.Task.LogId));
    }

    [Fact]
    public async Task Log_records_are_never_capped_in_a_batch()
    {
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync(new DispatchTask { Kind = DispatchTaskKind.LogRecord, LogId = $"record-{i}", Record = new AttemptRecord { LogId = $"record-{i}", Attempt = 1, Outcome = LogStatus.Success, StartedAt = T0 } }, T0);
        }

        var batch = await Queue.TryLeaseManyAsync(T0, new Dictionary<long, int> { [0] = 0 }, defaultCap: 1, max: 10, CancellationToken.None);

        Assert.Equal(3, batch.Count);
    }

    [Fact]
    public async Task Tasks_in_a_batch_are_leased_each_on_its_own()
    {
        await EnqueueEachAsync(1, 2);
        var batch = await Queue.TryLeaseManyAsync(T0.AddMinutes(1), NoCaps, 10, 10, CancellationToken.None);

        Assert.True(await Queue.CompleteAsync(batch[0], CancellationToken.None));
        Assert.Equal(1, await Queue.CountAsync(CancellationToken.None));
        Assert.Empty(await Queue.TryLeaseManyAsync(T0.AddMinutes(1), NoCaps, 10, 10, CancellationToken.None));
        Assert.True(await Queue.CompleteAsync(batch[1], CancellationToken.None));
    }
}
