using IntegrationHub.Storage;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>Owners and leases: one process runs a job at a time, and a dead process's jobs are taken over.</summary>
public abstract partial class BulkRetryJobStoreContract
{
    [Fact]
    public async Task Only_unfinished_jobs_whose_lease_has_passed_are_claimed()
    {
        await CreateAsync(Sample("expired", leaseUntil: T0.AddSeconds(-1)));
        await CreateAsync(Sample("ending-now", leaseUntil: T0));
        await CreateAsync(Sample("held", leaseUntil: T0.AddMilliseconds(1)));
        await CreateAsync(Sample("finished", leaseUntil: T0.AddSeconds(-1), done: true));

        var claimed = await ClaimAsync("process-b", T0, T0.AddSeconds(30));

        Assert.Equal(["ending-now", "expired"], claimed.Select(j => j.Id).Order(StringComparer.Ordinal));
        AssertSameJob(Sample("expired", owner: "process-b", leaseUntil: T0.AddSeconds(30)), claimed.Single(j => j.Id == "expired"));
        AssertSameJob(Sample("expired", owner: "process-b", leaseUntil: T0.AddSeconds(30)), await GetExistingAsync("expired"));
        AssertSameJob(Sample("held", leaseUntil: T0.AddMilliseconds(1)), await GetExistingAsync("held"));
        AssertSameJob(Sample("finished", leaseUntil: T0.AddSeconds(-1), done: true), await GetExistingAsync("finished"));
    }

    [Fact]
    public async Task A_claimed_job_is_held_by_its_claimer_until_the_new_lease_passes()
    {
        await CreateAsync(Sample(leaseUntil: T0));
        Assert.Single(await ClaimAsync("process-b", T0, T0.AddSeconds(30)));

        Assert.Empty(await ClaimAsync("process-c", T0.AddSeconds(29), T0.AddSeconds(60)));
        var taken = Assert.Single(await ClaimAsync("process-c", T0.AddSeconds(30), T0.AddSeconds(60)));
        Assert.Equal("process-c", taken.Owner);
    }

    [Fact]
    public async Task A_step_by_an_owner_that_lost_the_job_writes_nothing()
    {
        await CreateAsync(Sample(leaseUntil: T0));
        Assert.True(await RecordAsync(new BulkRetryStep { Job = Sample(leaseUntil: T0), Taken = [new("log-a", 1, false)] }));
        Assert.Single(await ClaimAsync("process-b", T0, T0.AddSeconds(30)));

        var stale = Sample() with { Cursor = "stale", Progress = Sample().Progress with { Done = true } };
        Assert.False(await RecordAsync(new BulkRetryStep { Job = stale, Taken = [new("log-b", 1, false)], Queued = ["log-a"] }));

        AssertSameJob(Sample(owner: "process-b", leaseUntil: T0.AddSeconds(30)), await GetExistingAsync("job-1"));
        Assert.Equal([new("log-a", 1, false)], await LogsOfAsync("job-1"));
        Assert.True(await RecordAsync(new BulkRetryStep { Job = Sample(owner: "process-b"), Queued = ["log-a"] }));
        Assert.Equal([new("log-a", 1, true)], await LogsOfAsync("job-1"));
    }

    [Fact]
    public async Task A_released_job_is_claimed_at_once_with_the_logs_its_last_owner_left()
    {
        await CreateAsync(Sample());
        Assert.True(await RecordAsync(new BulkRetryStep { Job = Sample(leaseUntil: T0), Taken = [new("log-a", 7, false), new("log-b", 8, false)], Queued = ["log-b"] }));

        var claimed = Assert.Single(await ClaimAsync("process-b", T0, T0.AddSeconds(30)));

        Assert.Equal("job-1", claimed.Id);
        Assert.Equal([new("log-a", 7, false), new("log-b", 8, true)], await LogsOfAsync("job-1"));
    }

    [Fact]
    public async Task Concurrent_claims_never_take_the_same_job()
    {
        var ids = Enumerable.Range(0, 20).Select(i => $"job-{i:D2}").ToList();
        foreach (var id in ids)
        {
            await CreateAsync(Sample(id, leaseUntil: T0.AddSeconds(-1)));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => ClaimAsync($"process-{i}", T0, T0.AddSeconds(30)))));

        var taken = claims.SelectMany(c => c.Select(j => j.Id)).ToList();
        Assert.Equal(ids, taken.Order(StringComparer.Ordinal));
        foreach (var (claim, i) in claims.Select((c, i) => (c, i)))
        {
            foreach (var job in claim)
            {
                Assert.Equal($"process-{i}", (await GetExistingAsync(job.Id)).Owner);
            }
        }
    }

    [Fact]
    public async Task Pruning_deletes_finished_jobs_beyond_the_newest_and_keeps_every_unfinished_one()
    {
        await CreateAsync(Sample("1-unfinished", T0));
        await CreateAsync(Sample("2-finished", T0.AddMinutes(1), done: true));
        await CreateAsync(Sample("3-finished", T0.AddMinutes(2), done: true));
        await CreateAsync(Sample("4-finished", T0.AddMinutes(3), done: true));
        await CreateAsync(Sample("5-unfinished", T0.AddMinutes(4)));

        await Store.PruneAsync(2, CancellationToken.None);

        Assert.Equal(["5-unfinished", "4-finished", "1-unfinished"], (await Store.ListRecentAsync(10, CancellationToken.None)).Select(j => j.Id));
        Assert.Null(await Store.GetAsync("3-finished", CancellationToken.None));
    }
}
