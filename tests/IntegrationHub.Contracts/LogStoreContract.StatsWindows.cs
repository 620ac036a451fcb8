using IntegrationHub.Actions;
using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task Stats_over_many_hours_with_edges_inside_hours_count_exactly_the_window()
    {
        // One Success log every 10 minutes for 30 hours before T0.
        var registration = (int)ActionId.PatientRegistration;
        var logs = Enumerable.Range(1, 180)
            .Select(i => NewLog(T0.AddMinutes(-10 * i), 1, registration, 10) with
            {
                State = new LogState { Status = LogStatus.Success, Attempts = 1, UpdatedAt = T0, CompletedAt = T0 },
            })
            .ToArray();
        await CreateAllAsync(logs);

        foreach (var (from, to) in new[]
        {
            (T0.AddHours(-25).AddMinutes(-7), T0.AddMinutes(-13)),
            (T0.AddHours(-30), T0),
            (T0.AddHours(-3).AddMinutes(5), T0.AddHours(-2).AddMinutes(55)),
            (T0.AddHours(-2).AddMinutes(-1), T0.AddHours(-1).AddMinutes(1)),
        })
        {
            var expected = logs.Count(l => l.CreatedAt >= from && l.CreatedAt < to);
            var stats = await Reads.GetStatsAsync(null, from, to, CancellationToken.None);
            Assert.Equal(expected, stats.Total.Success);
            Assert.Equal(expected, stats.Total.Total);
        }
    }

    [Fact]
    public async Task Stats_follow_a_log_from_status_to_status()
    {
        var log = NewLog(T0.AddHours(-5), 1, (int)ActionId.PatientRegistration, 10);
        await CreateAllAsync(log);
        var window = (From: T0.AddDays(-1), To: T0);
        Assert.Equal(1, (await Reads.GetStatsAsync(null, window.From, window.To, CancellationToken.None)).Total.Queued);

        await Store.RecordAttemptAsync(new AttemptRecord { LogId = log.Id, Attempt = 1, Outcome = LogStatus.Retrying, StartedAt = T0.AddHours(-4) }, CancellationToken.None);
        await Store.RecordAttemptAsync(new AttemptRecord { LogId = log.Id, Attempt = 2, Outcome = LogStatus.Fail, StartedAt = T0.AddHours(-3) }, CancellationToken.None);

        var stats = await Reads.GetStatsAsync(null, window.From, window.To, CancellationToken.None);
        Assert.Equal(new StatusCounts(Queued: 0, Retrying: 0, Success: 0, Fail: 1), stats.Total);
    }
}
