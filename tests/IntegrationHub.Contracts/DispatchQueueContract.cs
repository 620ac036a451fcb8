using IntegrationHub.Actions;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Queue;
using IntegrationHub.Trigger;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>
/// What every <see cref="IDispatchQueue"/> must do. Time is only what the tests pass as <c>now</c>
/// and <c>availableAt</c>; a backend's test class supplies a fresh, empty queue per test.
/// </summary>
public abstract partial class DispatchQueueContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlySet<long> None = new HashSet<long>();

    /// <summary>The hub options the queue is built with (default lease margin: 30 s).</summary>
    protected HubOptions Options { get; } = new();

    protected IDispatchQueue Queue { get; private set; } = null!;

    /// <summary>A new, empty queue sized by <paramref name="options"/>.</summary>
    protected abstract Task<IDispatchQueue> CreateQueueAsync(HubOptions options);

    /// <summary>Removes what <see cref="CreateQueueAsync"/> created.</summary>
    protected abstract Task DeleteQueueAsync();

    public async Task InitializeAsync() => Queue = await CreateQueueAsync(Options);

    public Task DisposeAsync() => DeleteQueueAsync();

    /// <summary>How long a lease of a task with <paramref name="timeoutSeconds"/> lasts.</summary>
    protected TimeSpan LeaseOf(int timeoutSeconds) => TimeSpan.FromSeconds(2 * timeoutSeconds) + Options.LeaseMargin;

    protected static DispatchTask Delivery(string? logId = null, long integrationId = 10, int timeoutSeconds = 30) => new()
    {
        LogId = logId ?? IntegrationLog.NewId(),
        IntegrationId = integrationId,
        TimeoutSeconds = timeoutSeconds,
    };

    protected Task EnqueueAsync(DispatchTask task, DateTimeOffset availableAt) => Queue.EnqueueAsync(task, availableAt, CancellationToken.None);

    protected Task<LeasedTask?> LeaseAsync(DateTimeOffset now, IReadOnlySet<long>? excluded = null) =>
        Queue.TryLeaseAsync(now, excluded ?? None, CancellationToken.None);

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
    public async Task A_log_record_task_keeps_its_attempt_record()
    {
        var logId = IntegrationLog.NewId();
        var record = new AttemptRecord
        {
            LogId = logId,
            Attempt = 2,
            Outcome = LogStatus.Fail,
            StartedAt = T0,
            DurationMs = 40,
            Error = new ErrorRecord(ErrorClass.Timeout, "timed out"),
        };
        await EnqueueAsync(new DispatchTask { Kind = DispatchTaskKind.LogRecord, LogId = logId, Record = record }, T0);

        var lease = await LeaseExistingAsync(T0);

        Assert.Equal(DispatchTaskKind.LogRecord, lease.Task.Kind);
        Assert.Equal(0, lease.Task.IntegrationId);
        Assert.Equal(record, lease.Task.Record);
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

    [Fact]
    public async Task A_log_record_task_is_never_excluded()
    {
        var busy = Delivery(integrationId: 7);
        var record = new DispatchTask { Kind = DispatchTaskKind.LogRecord, LogId = IntegrationLog.NewId(), IntegrationId = 0 };
        await EnqueueAsync(busy, T0);
        await EnqueueAsync(record, T0.AddSeconds(1));
        var excluded = new HashSet<long> { 0, 7 };

        var lease = await LeaseExistingAsync(T0.AddSeconds(1), excluded);

        Assert.Equal(DispatchTaskKind.LogRecord, lease.Task.Kind);
        Assert.Equal(record.LogId, lease.Task.LogId);
        Assert.Null(await LeaseAsync(T0.AddSeconds(1), excluded));
    }
}
