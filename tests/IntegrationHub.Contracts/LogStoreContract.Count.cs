using IntegrationHub.Actions;
using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task Count_counts_the_logs_a_query_would_page_through()
    {
        await SeedFilterSetAsync();

        foreach (var query in new[]
        {
            new LogQuery(),
            new LogQuery { LabId = 1 },
            new LogQuery { Status = LogStatus.Success },
            new LogQuery { Vendor = "Epic" },
            new LogQuery { PatientId = 100 },
            new LogQuery { ActionId = (int)ActionId.PatientRegistration, Direction = LogDirection.Outbound },
            new LogQuery { LabId = 1, Vendor = "Epic", Status = LogStatus.Success },
            new LogQuery { From = T0.AddMinutes(-4), To = T0.AddMinutes(-2) },
            new LogQuery { LabId = 2, PatientId = 100 },
        })
        {
            var page = await Reads.QueryAsync(query with { Limit = LogQuery.MaxLimit }, CancellationToken.None);
            Assert.Equal(page.Items.Count, await Reads.CountAsync(query, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Count_ignores_the_limit_and_the_cursor()
    {
        await SeedFilterSetAsync();
        var first = await Reads.QueryAsync(new LogQuery { Limit = 2 }, CancellationToken.None);

        Assert.Equal(6, await Reads.CountAsync(new LogQuery { Limit = 2, Cursor = first.NextCursor }, CancellationToken.None));
        Assert.Equal(5, await Reads.CountAsync(new LogQuery { LabId = 1, Limit = 1 }, CancellationToken.None));
    }

    [Fact]
    public async Task Count_of_an_empty_store_is_zero()
    {
        Assert.Equal(0, await Reads.CountAsync(new LogQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task Count_follows_recorded_attempts()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        Assert.Equal(1, await Reads.CountAsync(new LogQuery { Status = LogStatus.Queued }, CancellationToken.None));

        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Fail, T0), CancellationToken.None);

        Assert.Equal(0, await Reads.CountAsync(new LogQuery { Status = LogStatus.Queued }, CancellationToken.None));
        Assert.Equal(1, await Reads.CountAsync(new LogQuery { Status = LogStatus.Fail }, CancellationToken.None));
    }
}
