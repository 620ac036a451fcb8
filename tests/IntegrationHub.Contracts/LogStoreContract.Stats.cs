using IntegrationHub.Actions;
using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    private static readonly DateTimeOffset StatsFrom = T0.AddHours(-1);

    [Fact]
    public async Task Stats_count_by_status_per_integration_and_per_action_inside_the_window()
    {
        await SeedStatsSetAsync();

        var stats = await Reads.GetStatsAsync(null, StatsFrom, T0, CancellationToken.None);

        Assert.Equal(StatsFrom, stats.From);
        Assert.Equal(T0, stats.To);
        Assert.Equal(new StatusCounts(Queued: 1, Retrying: 1, Success: 4, Fail: 1), stats.Total);
        Assert.Equal(
            [
                new IntegrationCounts(10, "Integration 10", new StatusCounts(0, 0, 2, 1)),
                new IntegrationCounts(11, "Integration 11", new StatusCounts(1, 1, 0, 0)),
                new IntegrationCounts(20, "Integration 20", new StatusCounts(0, 0, 1, 0)),
            ],
            stats.ByIntegration.OrderBy(i => i.IntegrationId));
        Assert.Equal(
            [
                new ActionCounts(0, "", new StatusCounts(0, 0, 1, 0)),
                new ActionCounts((int)ActionId.BillGeneration, nameof(ActionId.BillGeneration), new StatusCounts(1, 1, 0, 0)),
                new ActionCounts((int)ActionId.PatientRegistration, nameof(ActionId.PatientRegistration), new StatusCounts(0, 0, 3, 1)),
            ],
            stats.ByAction.OrderBy(a => a.ActionId));
    }

    [Fact]
    public async Task Stats_of_one_lab_count_only_that_lab()
    {
        await SeedStatsSetAsync();

        var stats = await Reads.GetStatsAsync([1], StatsFrom, T0, CancellationToken.None);

        Assert.Equal(new StatusCounts(Queued: 1, Retrying: 1, Success: 3, Fail: 1), stats.Total);
        Assert.Equal([10L, 11L], stats.ByIntegration.Select(i => i.IntegrationId).Order());
        var registrations = Assert.Single(stats.ByAction, a => a.ActionId == (int)ActionId.PatientRegistration);
        Assert.Equal(new StatusCounts(0, 0, 2, 1), registrations.Counts);
    }

    [Fact]
    public async Task Stats_of_a_window_without_logs_are_zero()
    {
        await SeedStatsSetAsync();

        var stats = await Reads.GetStatsAsync(null, T0.AddDays(-3), T0.AddDays(-2), CancellationToken.None);

        Assert.Equal(StatusCounts.Zero, stats.Total);
        Assert.Empty(stats.ByIntegration);
        Assert.Empty(stats.ByAction);
    }

    /// <summary>
    /// Inside [T0-1h, T0): integration 10 (lab 1, registration) 2 Success 1 Fail; integration 11 (lab 1,
    /// billing) 1 Queued and 1 Retrying (moved there by an attempt); integration 20 (lab 2,
    /// registration) 1 Success; one inbound call of lab 1 without integration or action, Success.
    /// Outside: integration 10 Success two hours before and ten minutes after.
    /// </summary>
    private async Task SeedStatsSetAsync()
    {
        LogState Final(LogStatus status, DateTimeOffset at) => new() { Status = status, Attempts = 1, UpdatedAt = at, CompletedAt = at };
        var registration = (int)ActionId.PatientRegistration;
        var billing = (int)ActionId.BillGeneration;
        var retrying = NewLog(T0.AddMinutes(-20), 1, billing, 11);
        await CreateAllAsync(
            NewLog(T0.AddMinutes(-50), 1, registration, 10) with { State = Final(LogStatus.Success, T0.AddMinutes(-50)) },
            NewLog(T0.AddMinutes(-40), 1, registration, 10) with { State = Final(LogStatus.Success, T0.AddMinutes(-40)) },
            NewLog(T0.AddMinutes(-30), 1, registration, 10) with { State = Final(LogStatus.Fail, T0.AddMinutes(-30)) },
            NewLog(T0.AddMinutes(-25), 1, billing, 11),
            retrying,
            NewLog(T0.AddMinutes(-10), 2, registration, 20) with { State = Final(LogStatus.Success, T0.AddMinutes(-10)) },
            NewLog(StatsFrom, 1, 0, null, null) with { Direction = LogDirection.Inbound, State = Final(LogStatus.Success, StatsFrom) },
            NewLog(T0.AddHours(-2), 1, registration, 10) with { State = Final(LogStatus.Success, T0.AddHours(-2)) },
            NewLog(T0.AddMinutes(10), 1, registration, 10) with { State = Final(LogStatus.Success, T0.AddMinutes(10)) });
        await Store.RecordAttemptAsync(Attempt(retrying.Id, 1, LogStatus.Retrying, T0.AddMinutes(-20)) with { NextAttemptAt = T0 }, CancellationToken.None);
    }
}
