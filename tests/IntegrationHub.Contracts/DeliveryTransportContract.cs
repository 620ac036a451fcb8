using IntegrationHub.Actions;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Queue;
using IntegrationHub.Storage;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>
/// What every <see cref="IDeliveryTransport"/> must do. Time is the <see cref="Clock"/> the tests
/// set and the due times they publish with; a backend's test class supplies a fresh, empty
/// transport per test, reading that clock.
/// </summary>
public abstract partial class DeliveryTransportContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlySet<long> None = new HashSet<long>();

    /// <summary>The hub options the transport is built with (default lease margin: 30 s).</summary>
    protected LeaseOptions Options { get; } = new();

    /// <summary>The transport's clock.</summary>
    protected ManualClock Clock { get; } = new(T0);

    protected IDeliveryTransport Transport { get; private set; } = null!;

    /// <summary>A new, empty transport sized by <paramref name="options"/>, reading <paramref name="clock"/>.</summary>
    protected abstract Task<IDeliveryTransport> CreateTransportAsync(LeaseOptions options, TimeProvider clock);

    /// <summary>Removes what <see cref="CreateTransportAsync"/> created.</summary>
    protected abstract Task DeleteTransportAsync();

    public async Task InitializeAsync() => Transport = await CreateTransportAsync(Options, Clock);

    public Task DisposeAsync() => DeleteTransportAsync();

    /// <summary>How long a lease of a task with <paramref name="timeoutSeconds"/> lasts: sized by the timeout, or one heartbeat lease for a transport that renews.</summary>
    protected TimeSpan LeaseOf(int timeoutSeconds) => Transport is ILeaseRenewal ? Options.HeartbeatLease : Options.LeaseFor(timeoutSeconds);

    protected static DispatchTask Delivery(string? logId = null, long integrationId = 10, int timeoutSeconds = 30) => new()
    {
        LogId = logId ?? IntegrationLog.NewId(),
        IntegrationId = integrationId,
        TimeoutSeconds = timeoutSeconds,
    };

    protected Task EnqueueAsync(DispatchTask task, DateTimeOffset availableAt) => Transport.PublishAsync(task, availableAt, CancellationToken.None);

    /// <summary>Receives at most one task at <paramref name="now"/>, without waiting, none of the <paramref name="excluded"/> integrations.</summary>
    protected async Task<LeasedTask?> LeaseAsync(DateTimeOffset now, IReadOnlySet<long>? excluded = null)
    {
        var leases = await ReceiveAsync(now, (excluded ?? None).ToDictionary(id => id, _ => 0), defaultCap: int.MaxValue, max: 1);
        return leases.Count == 0 ? null : Assert.Single(leases);
    }

    /// <summary>Receives at <paramref name="now"/> without waiting.</summary>
    protected Task<IReadOnlyList<LeasedTask>> ReceiveAsync(DateTimeOffset now, IReadOnlyDictionary<long, int> caps, int defaultCap, int max)
    {
        Clock.Now = now;
        return Transport.ReceiveAsync(new ReceiveRequest(max, caps, defaultCap, TimeSpan.Zero), CancellationToken.None);
    }

    protected Task<long> CountAsync() => Transport.CountAsync(CancellationToken.None);

    protected async Task<LeasedTask> LeaseExistingAsync(DateTimeOffset now, IReadOnlySet<long>? excluded = null)
    {
        var lease = await LeaseAsync(now, excluded);
        Assert.NotNull(lease);
        return lease;
    }

    [Fact]
    public async Task An_enqueued_task_is_leased_with_all_its_fields()
    {
        var task = new DispatchTask
        {
            LogId = IntegrationLog.NewId(),
            IntegrationId = 42,
            Context = new EventContext { LabId = 3, ActionId = ActionId.ReportSigned, PatientId = 1, BillId = 2, SampleId = 3, ReportId = 4, Source = "bulk", OccurredAt = T0 },
            Payload = new RenderedPayload("application/json", """{"report":4}"""),
            Attempt = 3,
            RunAttempt = 2,
            AttemptKind = AttemptKind.Manual,
            RequestedBy = "alice",
            TimeoutSeconds = 15,
        };
        await EnqueueAsync(task, T0);

        var lease = await LeaseExistingAsync(T0);

        Assert.Equal(task, lease.Task);
        Assert.Equal(1, lease.TimesLeased);
        Assert.Equal(T0 + LeaseOf(15), lease.LeasedUntil);
        Assert.False(string.IsNullOrEmpty(lease.TaskId));
        Assert.False(string.IsNullOrEmpty(lease.LeaseToken));
    }

    [Fact]
    public async Task Leasing_an_empty_queue_returns_null()
    {
        Assert.Null(await LeaseAsync(T0));
    }

    [Fact]
    public async Task Nothing_is_leased_before_it_is_due()
    {
        var task = Delivery();
        await EnqueueAsync(task, T0.AddSeconds(10));

        Assert.Null(await LeaseAsync(T0.AddSeconds(10).AddMilliseconds(-1)));
        Assert.Equal(task.LogId, (await LeaseExistingAsync(T0.AddSeconds(10))).Task.LogId);
    }

    [Fact]
    public async Task The_oldest_due_task_is_leased_first_and_ties_go_in_insertion_order()
    {
        var late = Delivery();
        var first = Delivery();
        var second = Delivery();
        await EnqueueAsync(late, T0.AddSeconds(2));
        await EnqueueAsync(first, T0.AddSeconds(1));
        await EnqueueAsync(second, T0.AddSeconds(1));

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add((await LeaseExistingAsync(T0.AddSeconds(5))).Task.LogId);
        }

        Assert.Equal([first.LogId, second.LogId, late.LogId], order);
        Assert.Null(await LeaseAsync(T0.AddSeconds(5)));
    }

    [Fact]
    public async Task A_task_of_an_excluded_integration_is_skipped()
    {
        var busy = Delivery(integrationId: 7);
        var free = Delivery(integrationId: 8);
        await EnqueueAsync(busy, T0);
        await EnqueueAsync(free, T0.AddSeconds(1));

        var lease = await LeaseExistingAsync(T0.AddSeconds(1), new HashSet<long> { 7 });

        Assert.Equal(free.LogId, lease.Task.LogId);
        Assert.Null(await LeaseAsync(T0.AddSeconds(1), new HashSet<long> { 7 }));
        Assert.Equal(busy.LogId, (await LeaseExistingAsync(T0.AddSeconds(1))).Task.LogId);
    }
}
