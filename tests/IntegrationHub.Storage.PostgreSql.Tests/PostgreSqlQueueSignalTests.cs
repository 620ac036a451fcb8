using System.Diagnostics;
using IntegrationHub.Queue;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.PostgreSql.Tests;

/// <summary>Work committed by another process wakes a waiting receive through LISTEN/NOTIFY, not at the end of its wait.</summary>
public sealed class PostgreSqlQueueSignalTests
{
    [Fact]
    public async Task A_task_committed_by_another_process_wakes_a_waiting_receive()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        await using var signal = new PostgreSqlQueueSignal(db.Database);
        var transport = new PostgreSqlDeliveryTransport(db.Database, signal, Options.Create(new LeaseOptions()), TimeProvider.System);

        // The listener is up once a first wait has been woken by its start.
        await Task.WhenAny(signal.NextAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        var waited = Stopwatch.StartNew();
        var receive = transport.ReceiveAsync(new ReceiveRequest(4, new Dictionary<long, int>(), 4, TimeSpan.FromMinutes(2)), CancellationToken.None);
        await Task.Delay(200);
        Assert.False(receive.IsCompleted);

        // Another process's commit: a connection of its own, no call into this process.
        var task = new DispatchTask { LogId = "log-from-elsewhere", IntegrationId = 10, Attempt = 1 };
        await db.ExecuteAsync("INSERT INTO hub_queue (integration_id, log_id, available_at, lease_ms, task) VALUES (10, $1, now() - interval '1 second', 60000, $2::jsonb)",
            task.LogId, HubJson.Serialize(task));

        var lease = Assert.Single(await receive.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal("log-from-elsewhere", lease.Task.LogId);
        Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the receive ran its whole wait instead of being woken");
    }

    [Fact]
    public async Task A_receive_that_finds_nothing_sends_no_notification_so_it_is_not_woken_by_its_own_look()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        await using var signal = new PostgreSqlQueueSignal(db.Database);
        var transport = new PostgreSqlDeliveryTransport(db.Database, signal, Options.Create(new LeaseOptions()), TimeProvider.System);
        var future = new DispatchTask { LogId = "later", IntegrationId = 10, Attempt = 1 };
        await transport.PublishAsync(future, DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);

        // Another process listening: it counts what the receive's looks send.
        await using var listener = await db.Database.OpenListenerAsync(CancellationToken.None);
        var notified = 0;
        listener.Notification += (_, _) => Interlocked.Increment(ref notified);
        await using (var listen = new Npgsql.NpgsqlCommand("LISTEN hub_queue", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var leases = await transport.ReceiveAsync(new ReceiveRequest(4, new Dictionary<long, int>(), 4, TimeSpan.FromSeconds(2)), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
        using var drain = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            while (true)
            {
                await listener.WaitAsync(drain.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Whatever was sent has arrived by now.
        }

        Assert.Empty(leases);
        Assert.Equal(0, notified);
    }
}
