using IntegrationHub.Actions;
using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task Query_scoped_to_labs_finds_only_the_logs_of_those_labs()
    {
        var s = await SeedScopeSetAsync();

        await AssertFindsAsync(new LogQuery { LabIds = [1, 3] }, s.Lab1Success, s.Lab1Fail, s.Lab3Queued);
        await AssertFindsAsync(new LogQuery { LabIds = [2] }, s.Lab2Fail);
        await AssertFindsAsync(new LogQuery { LabIds = [1, 2, 3, 99] }, s.Lab1Success, s.Lab2Fail, s.Lab1Fail, s.Lab3Queued);
        await AssertFindsAsync(new LogQuery { LabIds = [99] });
    }

    [Fact]
    public async Task Query_scoped_to_an_empty_set_of_labs_finds_nothing()
    {
        await SeedScopeSetAsync();

        await AssertFindsAsync(new LogQuery { LabIds = [] });
        Assert.Equal(0, await Reads.CountAsync(new LogQuery { LabIds = [] }, CancellationToken.None));
    }

    [Fact]
    public async Task A_lab_scope_applies_together_with_the_lab_filter_and_the_others()
    {
        var s = await SeedScopeSetAsync();

        await AssertFindsAsync(new LogQuery { LabIds = [1, 2], LabId = 2 }, s.Lab2Fail);
        await AssertFindsAsync(new LogQuery { LabIds = [1, 3], LabId = 2 });
        await AssertFindsAsync(new LogQuery { LabIds = [1, 2], Status = LogStatus.Fail }, s.Lab2Fail, s.Lab1Fail);
        await AssertFindsAsync(new LogQuery { LabIds = [1, 3], Status = LogStatus.Fail }, s.Lab1Fail);
    }

    [Fact]
    public async Task Paging_within_a_lab_scope_reads_each_log_once_newest_first()
    {
        var logs = Enumerable.Range(0, 9).Select(i => NewLog(T0.AddSeconds(-i), labId: 1 + (i % 3))).ToArray();
        await CreateAllAsync([.. logs.Reverse()]);

        var pages = await ReadAllPagesAsync(new LogQuery { LabIds = [1, 3], Limit = 2 });

        Assert.Equal([2, 2, 2], pages.Select(p => p.Items.Count));
        Assert.Equal(logs.Where(l => l.LabId != 2).Select(l => l.Id), pages.SelectMany(p => p.Items).Select(i => i.Id));
    }

    [Fact]
    public async Task Count_of_a_lab_scope_counts_only_those_labs()
    {
        await SeedScopeSetAsync();

        Assert.Equal(4, await Reads.CountAsync(new LogQuery(), CancellationToken.None));
        Assert.Equal(3, await Reads.CountAsync(new LogQuery { LabIds = [1, 3] }, CancellationToken.None));
        Assert.Equal(1, await Reads.CountAsync(new LogQuery { LabIds = [1, 3], LabId = 3 }, CancellationToken.None));
        Assert.Equal(0, await Reads.CountAsync(new LogQuery { LabIds = [3], LabId = 1 }, CancellationToken.None));
        Assert.Equal(2, await Reads.CountAsync(new LogQuery { LabIds = [1, 2], Status = LogStatus.Fail }, CancellationToken.None));
    }

    [Fact]
    public async Task Stats_of_a_lab_scope_count_only_those_labs()
    {
        await SeedStatsSetAsync();

        var lab2 = await Reads.GetStatsAsync([2], StatsFrom, T0, CancellationToken.None);
        Assert.Equal(new StatusCounts(Queued: 0, Retrying: 0, Success: 1, Fail: 0), lab2.Total);
        Assert.Equal([20L], lab2.ByIntegration.Select(i => i.IntegrationId));

        var both = await Reads.GetStatsAsync([1, 2], StatsFrom, T0, CancellationToken.None);
        var all = await Reads.GetStatsAsync(null, StatsFrom, T0, CancellationToken.None);
        Assert.Equal(all.Total, both.Total);
        Assert.Equal(all.ByIntegration, both.ByIntegration.OrderBy(i => i.IntegrationId));
        Assert.Equal(
            (await Reads.GetStatsAsync([1], StatsFrom, T0, CancellationToken.None)).Total,
            (await Reads.GetStatsAsync([1, 99], StatsFrom, T0, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Stats_of_an_empty_lab_scope_are_zero()
    {
        await SeedStatsSetAsync();

        var stats = await Reads.GetStatsAsync([], StatsFrom, T0, CancellationToken.None);

        Assert.Equal(StatusCounts.Zero, stats.Total);
        Assert.Empty(stats.ByIntegration);
        Assert.Empty(stats.ByAction);
    }

    [Fact]
    public async Task Stats_of_a_lab_scope_are_exact_over_whole_hours_and_their_edges()
    {
        // Every 10 minutes for 6 hours before T0, labs 1, 2, 3 in turn.
        var logs = Enumerable.Range(1, 36)
            .Select(i => NewLog(T0.AddMinutes(-10 * i), labId: 1 + (i % 3)) with
            {
                State = new LogState { Status = LogStatus.Success, Attempts = 1, UpdatedAt = T0, CompletedAt = T0 },
            })
            .ToArray();
        await CreateAllAsync(logs);

        foreach (var (from, to) in new[] { (T0.AddHours(-6), T0), (T0.AddHours(-5).AddMinutes(-25), T0.AddMinutes(-35)) })
        {
            var stats = await Reads.GetStatsAsync([1, 3], from, to, CancellationToken.None);
            Assert.Equal(logs.Count(l => l.LabId != 2 && l.CreatedAt >= from && l.CreatedAt < to), stats.Total.Success);
        }
    }

    /// <summary>Lab 1: Success at T0-1m, Fail at T0-3m; lab 2: Fail at T0-2m; lab 3: Queued at T0-4m.</summary>
    private async Task<ScopeSet> SeedScopeSetAsync()
    {
        var registration = (int)ActionId.PatientRegistration;
        LogState Final(LogStatus status, DateTimeOffset at) => new() { Status = status, Attempts = 1, UpdatedAt = at, CompletedAt = at };
        var set = new ScopeSet(
            NewLog(T0.AddMinutes(-1), 1, registration, 10) with { State = Final(LogStatus.Success, T0.AddMinutes(-1)) },
            NewLog(T0.AddMinutes(-2), 2, registration, 20) with { State = Final(LogStatus.Fail, T0.AddMinutes(-2)) },
            NewLog(T0.AddMinutes(-3), 1, registration, 10) with { State = Final(LogStatus.Fail, T0.AddMinutes(-3)) },
            NewLog(T0.AddMinutes(-4), 3, registration, 30));
        await CreateAllAsync(set.Lab3Queued, set.Lab1Success, set.Lab2Fail, set.Lab1Fail);
        return set;
    }

    private sealed record ScopeSet(IntegrationLog Lab1Success, IntegrationLog Lab2Fail, IntegrationLog Lab1Fail, IntegrationLog Lab3Queued);
}
