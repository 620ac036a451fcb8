using IntegrationHub.Queue;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.PostgreSql.Tests;

/// <summary>
/// The heartbeat: a lease lasts one short heartbeat lease whatever the task's timeout, a renewal
/// extends it by a whole lease from now, and a lease another worker has taken is not renewed.
/// </summary>
public sealed class PostgreSqlLeaseRenewalTests
{
    private static readonly IReadOnlyDictionary<long, int> NoCaps = new Dictionary<long, int>();

    [Fact]
    public async Task A_renewed_lease_outlives_its_first_term_and_a_lapsed_one_comes_back_within_one_lease()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        await using var signal = new PostgreSqlQueueSignal(db.Database);
        // A whole-microsecond start: PostgreSQL keeps no finer, and the test compares lease ends exactly.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var options = new LeaseOptions();
        var transport = new PostgreSqlDeliveryTransport(db.Database, signal, Options.Create(options), clock);
        await transport.PublishAsync(new DispatchTask { LogId = "long-send", IntegrationId = 10, Attempt = 1, TimeoutSeconds = 120 }, clock.GetUtcNow(), CancellationToken.None);
        await transport.PublishAsync(new DispatchTask { LogId = "crashed", IntegrationId = 11, Attempt = 1, TimeoutSeconds = 120 }, clock.GetUtcNow(), CancellationToken.None);

        var leases = await ReceiveAsync(transport);
        Assert.Equal(2, leases.Count);

        // The lease is the heartbeat's, not two timeouts and a margin (270 s here).
        Assert.All(leases, l => Assert.Equal(clock.GetUtcNow() + options.HeartbeatLease, l.LeasedUntil));
        Assert.Equal(TimeSpan.FromSeconds(10), transport.RenewEvery);

        // Two thirds of the way, the worker still sending renews its lease; the crashed one does not.
        var longSend = leases.Single(l => l.Task.LogId == "long-send");
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await transport.RenewAsync([longSend], CancellationToken.None));

        // Past the first term: the crashed worker's task is taken again, the renewed one is not.
        clock.Advance(TimeSpan.FromSeconds(11));
        var again = Assert.Single(await ReceiveAsync(transport));
        Assert.Equal("crashed", again.Task.LogId);

        // A lease taken over is not renewed by its old holder, and its new holder's finish stands.
        var stale = leases.Single(l => l.Task.LogId == "crashed");
        Assert.Equal(0, await transport.RenewAsync([stale], CancellationToken.None));
        Assert.True(await transport.AcknowledgeAsync(again, CancellationToken.None));

        // Renewed at +20 s, the long send's lease lapses at +50 s.
        clock.Advance(TimeSpan.FromSeconds(18));
        Assert.Empty(await ReceiveAsync(transport));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("long-send", Assert.Single(await ReceiveAsync(transport)).Task.LogId);
    }

    private static Task<IReadOnlyList<LeasedTask>> ReceiveAsync(PostgreSqlDeliveryTransport transport) =>
        transport.ReceiveAsync(new ReceiveRequest(10, NoCaps, 10, TimeSpan.Zero), CancellationToken.None);
}
