using IntegrationHub.Access;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>What every <see cref="IBulkRetryJobStore"/> must do; a fresh, empty store per test.</summary>
public abstract partial class BulkRetryJobStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected IBulkRetryJobStore Store { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IBulkRetryJobStore> CreateStoreAsync();

    /// <summary>Removes what <see cref="CreateStoreAsync"/> created.</summary>
    protected abstract Task DeleteStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => DeleteStoreAsync();

    /// <summary>A job with every field set to a non-default value, held by <paramref name="owner"/> until <paramref name="leaseUntil"/> (default T0 + 30 s).</summary>
    protected static BulkRetryJob Sample(string id = "job-1", DateTimeOffset? startedAt = null, string owner = "process-a", DateTimeOffset? leaseUntil = null, bool done = false) => new()
    {
        Progress = new BulkRetryProgress
        {
            Id = id,
            RequestedBy = "user:nurse.joy",
            Filter = new Dictionary<string, string> { ["integrationId"] = "3", ["status"] = "Fail", ["from"] = "2025-03-01T07:00:00.0000000+00:00" },
            StartedAt = startedAt ?? T0,
            Matched = 12,
            Queued = 5,
            Skipped = 2,
            SkipReason = "Integration 3 is inactive; activate it before retrying.",
            Succeeded = 3,
            Failed = 1,
            Capped = true,
            Done = done,
        },
        Filter = new LogQuery
        {
            LabId = 7,
            LabIds = [7, 9],
            ErrorSignature = "http-503",
            ActionId = 57,
            IntegrationId = 3,
            Vendor = "Epic",
            Status = LogStatus.Fail,
            Direction = LogDirection.Outbound,
            From = T0.AddDays(-1),
            To = T0,
            PatientId = 11,
            BillId = 12,
            SampleId = 13,
            ReportId = 14,
            Limit = 100,
        },
        Labs = LabScope.Only([7, 9]),
        SkipReasons = new Dictionary<string, int> { ["Integration 3 is inactive; activate it before retrying."] = 2 },
        Cursor = "cursor-after-5",
        Walked = false,
        Owner = owner,
        LeaseUntil = leaseUntil ?? T0.AddSeconds(30),
    };

    protected Task CreateAsync(BulkRetryJob job) => Store.CreateAsync(job, CancellationToken.None);

    protected Task<bool> RecordAsync(BulkRetryStep step) => Store.RecordAsync(step, CancellationToken.None);

    protected Task<IReadOnlyList<BulkRetryJob>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil) =>
        Store.ClaimAsync(owner, now, leaseUntil, CancellationToken.None);

    protected async Task<BulkRetryJob> GetExistingAsync(string id) =>
        await Store.GetAsync(id, CancellationToken.None) ?? throw new Xunit.Sdk.XunitException($"job {id} is missing");

    /// <summary>The job's logs, in log id order.</summary>
    protected async Task<List<BulkRetryJobLog>> LogsOfAsync(string id) =>
        [.. (await Store.ListLogsAsync(id, CancellationToken.None)).OrderBy(l => l.LogId, StringComparer.Ordinal)];

    private static readonly Dictionary<string, string> NoFilter = [];

    /// <summary>Every stored field of <paramref name="actual"/> equals <paramref name="expected"/>'s.</summary>
    protected static void AssertSameJob(BulkRetryJob expected, BulkRetryJob actual)
    {
        Assert.Equal(expected.Progress with { Filter = NoFilter }, actual.Progress with { Filter = NoFilter });
        Assert.Equal(expected.Progress.Filter.OrderBy(f => f.Key, StringComparer.Ordinal), actual.Progress.Filter.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Filter with { LabIds = null }, actual.Filter with { LabIds = null });
        Assert.Equal(expected.Filter.LabIds, actual.Filter.LabIds);
        Assert.Equal(expected.Labs.ToString(), actual.Labs.ToString());
        Assert.Equal(expected.SkipReasons.OrderBy(r => r.Key, StringComparer.Ordinal), actual.SkipReasons.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Cursor, actual.Cursor);
        Assert.Equal(expected.Walked, actual.Walked);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.LeaseUntil, actual.LeaseUntil);
    }

    [Fact]
    public async Task A_created_job_is_read_back_with_every_field_as_stored_and_no_logs()
    {
        await CreateAsync(Sample());

        AssertSameJob(Sample(), await GetExistingAsync("job-1"));
        Assert.Empty(await LogsOfAsync("job-1"));
    }

    [Fact]
    public async Task A_job_of_every_lab_with_no_optional_field_set_is_read_back_as_stored()
    {
        var bare = new BulkRetryJob
        {
            Progress = new BulkRetryProgress { Id = "bare", RequestedBy = "key:ops", StartedAt = T0 },
            Filter = new LogQuery { Status = LogStatus.Fail },
            Labs = LabScope.AllLabs,
            Owner = "process-a",
            LeaseUntil = T0,
        };
        await CreateAsync(bare);

        var read = await GetExistingAsync("bare");
        AssertSameJob(bare, read);
        Assert.True(read.Labs.IsAllLabs);
        Assert.Null(read.Filter.LabIds);
    }

    [Fact]
    public async Task An_unknown_id_reads_as_null_and_has_no_logs()
    {
        await CreateAsync(Sample());

        Assert.Null(await Store.GetAsync("job-2", CancellationToken.None));
        Assert.Empty(await LogsOfAsync("job-2"));
    }

    [Fact]
    public async Task Recent_jobs_are_listed_newest_first_finished_or_not_up_to_the_limit()
    {
        await CreateAsync(Sample("old", T0));
        await CreateAsync(Sample("newest", T0.AddMinutes(2), done: true));
        await CreateAsync(Sample("middle", T0.AddMinutes(1)));

        Assert.Equal(["newest", "middle", "old"], (await Store.ListRecentAsync(10, CancellationToken.None)).Select(j => j.Id));
        Assert.Equal(["newest", "middle"], (await Store.ListRecentAsync(2, CancellationToken.None)).Select(j => j.Id));
        AssertSameJob(Sample("middle", T0.AddMinutes(1)), (await Store.ListRecentAsync(2, CancellationToken.None))[1]);
    }

    [Fact]
    public async Task A_step_replaces_the_job_and_takes_queues_and_settles_its_logs()
    {
        await CreateAsync(Sample());
        await CreateAsync(Sample("other"));
        var taking = Sample() with { Cursor = "cursor-after-8", LeaseUntil = T0.AddSeconds(40) };

        Assert.True(await RecordAsync(new BulkRetryStep { Job = taking, Taken = [new("log-a", 3, false), new("log-b", 4, false), new("log-c", 5, false)] }));
        AssertSameJob(taking, await GetExistingAsync("job-1"));
        Assert.Equal([new("log-a", 3, false), new("log-b", 4, false), new("log-c", 5, false)], await LogsOfAsync("job-1"));

        var recording = taking with
        {
            Progress = taking.Progress with { Queued = 6, Skipped = 3, SkipReason = "gone" },
            SkipReasons = new Dictionary<string, int> { ["gone"] = 3 },
            Walked = true,
            LeaseUntil = T0.AddSeconds(50),
        };
        Assert.True(await RecordAsync(new BulkRetryStep { Job = recording, Queued = ["log-a"], Settled = ["log-b"] }));

        AssertSameJob(recording, await GetExistingAsync("job-1"));
        Assert.Equal([new("log-a", 3, true), new("log-c", 5, false)], await LogsOfAsync("job-1"));
        AssertSameJob(Sample("other"), await GetExistingAsync("other"));
        Assert.Empty(await LogsOfAsync("other"));
    }

    [Fact]
    public async Task A_log_taken_and_settled_in_one_step_is_not_kept()
    {
        await CreateAsync(Sample());

        Assert.True(await RecordAsync(new BulkRetryStep { Job = Sample(), Taken = [new("log-a", 1, false), new("log-b", 1, false)], Queued = ["log-a"], Settled = ["log-b"] }));

        Assert.Equal([new("log-a", 1, true)], await LogsOfAsync("job-1"));
    }

    [Fact]
    public async Task A_step_that_finishes_the_job_removes_all_its_logs()
    {
        await CreateAsync(Sample());
        Assert.True(await RecordAsync(new BulkRetryStep { Job = Sample(), Taken = [new("log-a", 1, false), new("log-b", 1, false)], Queued = ["log-a"] }));
        var finished = Sample(done: true) with { Progress = Sample().Progress with { Done = true, SkipReason = "The bulk retry stopped: disk full" } };

        Assert.True(await RecordAsync(new BulkRetryStep { Job = finished }));

        AssertSameJob(finished, await GetExistingAsync("job-1"));
        Assert.Empty(await LogsOfAsync("job-1"));
    }

    [Fact]
    public async Task A_step_for_an_unknown_job_is_refused_and_writes_nothing()
    {
        Assert.False(await RecordAsync(new BulkRetryStep { Job = Sample(), Taken = [new("log-a", 1, false)] }));

        Assert.Null(await Store.GetAsync("job-1", CancellationToken.None));
        Assert.Empty(await LogsOfAsync("job-1"));
    }
}
