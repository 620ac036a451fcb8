using System.Collections.Concurrent;
using System.Diagnostics;
using IntegrationHub.Configuration;
using IntegrationHub.Queue;
using IntegrationHub.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.PostgreSql.Tests;

/// <summary>
/// Limits that hold for several hub processes on one database. Each "process" here has its own
/// data source, signal, transport and throttle, and shares nothing with the others but the database.
/// </summary>
public sealed class PostgreSqlClusterLimitsTests
{
    private static readonly IReadOnlyDictionary<long, int> NoCaps = new Dictionary<long, int>();

    [Fact]
    public async Task An_integrations_concurrency_holds_across_processes_and_frees_as_leases_end_or_lapse()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var integration = await new PostgreSqlIntegrationConfigStore(db.Database, clock)
            .CreateAsync(new LabIntegration { LabId = 1, Name = "two at once", Url = "https://partner.example/in", MaxConcurrency = 2, TimeoutSeconds = 5 }, CancellationToken.None);
        await using var first = new Process(db.ConnectionString, clock);
        await using var second = new Process(db.ConnectionString, clock);
        for (var i = 0; i < 6; i++)
        {
            await first.Transport.PublishAsync(new DispatchTask { LogId = $"log-{i}", IntegrationId = integration.Id, Attempt = 1, TimeoutSeconds = 5 }, clock.GetUtcNow(), CancellationToken.None);
        }

        // Each process would take 10; the cluster allows two in all.
        var taken = await first.ReceiveAsync(10);
        Assert.Equal(2, taken.Count);
        Assert.Empty(await second.ReceiveAsync(10));

        // One finishes in the first process: the second may take one, and only one.
        Assert.True(await first.Transport.AcknowledgeAsync(taken[0], CancellationToken.None));
        var next = await second.ReceiveAsync(10);
        Assert.Single(next);
        Assert.Empty(await first.ReceiveAsync(10));

        // The second finishes and takes another: two are in flight again, one in each process.
        Assert.True(await second.Transport.AcknowledgeAsync(next[0], CancellationToken.None));
        Assert.Single(await second.ReceiveAsync(10));
        Assert.Empty(await second.ReceiveAsync(10));

        // Both processes die holding their leases: once those lapse, their slots are free again.
        clock.Advance(new LeaseOptions().HeartbeatLease + TimeSpan.FromSeconds(1));
        var afterCrash = await second.ReceiveAsync(10);
        Assert.Equal(2, afterCrash.Count);

        // And the dead process's deliveries are taken again, after what was never taken.
        foreach (var lease in afterCrash)
        {
            Assert.True(await second.Transport.AcknowledgeAsync(lease, CancellationToken.None));
        }

        Assert.Contains(await second.ReceiveAsync(10), l => l.Task.LogId == taken[1].Task.LogId);
    }

    [Fact]
    public async Task A_partners_rate_holds_across_processes_as_the_partner_receives()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        var integration = new LabIntegration { Id = 41, LabId = 1, Name = "ten a second", Url = "https://partner.example/in", RateLimitPerSecond = 10, TimeoutSeconds = 5 };
        var processes = new[] { new Process(db.ConnectionString, TimeProvider.System), new Process(db.ConnectionString, TimeProvider.System), new Process(db.ConnectionString, TimeProvider.System) };
        var received = new ConcurrentBag<TimeSpan>();
        var clock = Stopwatch.StartNew();
        try
        {
            // Three processes with five senders each, ten sends a sender: 150 sends against 10/s.
            // A "partner" receives each between the slot's taking and its release.
            await Task.WhenAll(processes.SelectMany(p => Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    using var slot = await p.Throttle.WaitToSendAsync(integration, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
                    received.Add(clock.Elapsed);
                    await Task.Delay(5);
                }
            })))).WaitAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        var times = received.Order().ToList();
        Assert.Equal(150, times.Count);
        var busiest = times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.True(busiest <= 10, $"the partner received {busiest} requests within one second from three processes; its limit is 10");
    }

    [Fact]
    public async Task A_send_slot_of_a_process_that_died_frees_once_its_hold_and_window_have_passed()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        var leases = new LeaseOptions { LeaseMargin = TimeSpan.FromMilliseconds(100) };
        var integration = new LabIntegration { Id = 42, LabId = 1, Name = "one a second", Url = "https://partner.example/in", RateLimitPerSecond = 1, TimeoutSeconds = 1 };
        await using var dead = new Process(db.ConnectionString, TimeProvider.System, leases);
        await using var alive = new Process(db.ConnectionString, TimeProvider.System, leases);

        // Taken and never released: the process died during the send.
        _ = await dead.Throttle.WaitToSendAsync(integration, CancellationToken.None);
        var waited = Stopwatch.StartNew();
        using var slot = await alive.Throttle.WaitToSendAsync(integration, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        // Not before the dead send's hold (its lease) and one window: it might still be in flight.
        Assert.True(waited.Elapsed >= leases.LeaseFor(1) + TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(100), $"the slot freed after {waited.Elapsed}");
    }

    [Fact]
    public async Task A_configuration_change_reaches_the_other_processes()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        await using var writer = new PostgreSqlConfigurationChanges(db.Database, NullLogger<PostgreSqlConfigurationChanges>.Instance);
        await using var otherDatabase = new PostgreSqlHubDatabase(Options.Create(new PostgreSqlHubOptions { ConnectionString = db.ConnectionString }));
        await using var reader = new PostgreSqlConfigurationChanges(otherDatabase, NullLogger<PostgreSqlConfigurationChanges>.Instance);
        var heard = new ConcurrentQueue<long>();
        using var subscription = reader.Subscribe(heard.Enqueue);
        var here = new List<long>();
        using var own = writer.Subscribe(here.Add);

        // The listener may still be connecting: publish until the other process has heard.
        var deadline = Stopwatch.StartNew();
        while (!heard.Contains(7) && deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await writer.PublishAsync(7, CancellationToken.None);
            await Task.Delay(100);
        }

        Assert.Contains(7L, heard);
        Assert.All(heard, id => Assert.Equal(7L, id));
        Assert.Contains(7L, here);
    }

    /// <summary>One hub process's share of the cluster: its own connections, signal, transport and throttle.</summary>
    private sealed class Process : IAsyncDisposable
    {
        private readonly PostgreSqlHubDatabase _database;
        private readonly PostgreSqlQueueSignal _signal;

        public Process(string connectionString, TimeProvider time, LeaseOptions? leases = null)
        {
            _database = new PostgreSqlHubDatabase(Options.Create(new PostgreSqlHubOptions { ConnectionString = connectionString }));
            _signal = new PostgreSqlQueueSignal(_database);
            var leaseOptions = Options.Create(leases ?? new LeaseOptions());
            Transport = new PostgreSqlDeliveryTransport(_database, _signal, leaseOptions, time);
            Throttle = new PostgreSqlDeliveryThrottle(
                new IntegrationThrottle(time, Options.Create(new WorkerOptions())), _database, leaseOptions, time, NullLogger<PostgreSqlDeliveryThrottle>.Instance);
        }

        public PostgreSqlDeliveryTransport Transport { get; }

        public PostgreSqlDeliveryThrottle Throttle { get; }

        public Task<IReadOnlyList<LeasedTask>> ReceiveAsync(int max) =>
            Transport.ReceiveAsync(new ReceiveRequest(max, NoCaps, max, TimeSpan.Zero), CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await _signal.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
