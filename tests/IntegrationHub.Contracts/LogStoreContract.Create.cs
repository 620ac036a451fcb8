using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task A_log_created_finished_has_its_attempt_in_the_retry_log()
    {
        var log = NewLog(T0);
        var attempt = Attempt(log.Id, 1, LogStatus.Fail, T0);
        log = log with { Direction = LogDirection.Inbound, State = LogStateTransitions.After(attempt, T0) };

        await Store.CreateAsync(log, CancellationToken.None);

        Assert.Equal(attempt, Assert.Single(await Reads.GetAttemptsAsync(log.Id, CancellationToken.None)));
        Assert.Equal(LogStatus.Fail, (await GetExistingAsync(log.Id)).State.Status);
    }

    [Fact]
    public async Task Creating_a_log_twice_keeps_the_first_and_one_attempt()
    {
        var log = NewLog(T0);
        var attempt = Attempt(log.Id, 1, LogStatus.Success, T0);
        log = log with { State = LogStateTransitions.After(attempt, T0) };

        await Store.CreateAsync(log, CancellationToken.None);
        await Store.CreateAsync(log with { ActionName = "a second copy" }, CancellationToken.None);

        Assert.Equal(log.ActionName, (await GetExistingAsync(log.Id)).ActionName);
        Assert.Single(await Reads.GetAttemptsAsync(log.Id, CancellationToken.None));
        Assert.Equal(1, await Reads.CountAsync(new LogQuery(), CancellationToken.None));
    }
}
