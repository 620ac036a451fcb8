using IntegrationHub.Actions;
using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task Query_filters_by_lab()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { LabId = 1 }, s.A, s.B, s.D, s.E, s.F);
    }

    [Fact]
    public async Task Query_filters_by_action()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { ActionId = (int)ActionId.PatientRegistration }, s.A, s.C);
    }

    [Fact]
    public async Task Query_filters_by_integration()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { IntegrationId = 10 }, s.A, s.E);
    }

    [Fact]
    public async Task Query_filters_by_vendor()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { Vendor = "Epic" }, s.A, s.C, s.E);
    }

    [Fact]
    public async Task Query_filters_by_status()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { Status = LogStatus.Success }, s.B, s.E, s.F);
        await AssertFindsAsync(new LogQuery { Status = LogStatus.Retrying }, s.D);
    }

    [Fact]
    public async Task Query_filters_by_direction()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { Direction = LogDirection.Inbound }, s.F);
        await AssertFindsAsync(new LogQuery { Direction = LogDirection.Outbound }, s.A, s.B, s.C, s.D, s.E);
    }

    [Fact]
    public async Task Query_filters_by_patient()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { PatientId = 100 }, s.A, s.B, s.D);
    }

    [Fact]
    public async Task Query_filters_by_bill()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { BillId = 200 }, s.B);
    }

    [Fact]
    public async Task Query_filters_by_sample()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { SampleId = 300 }, s.D);
    }

    [Fact]
    public async Task Query_filters_by_report()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { ReportId = 400 }, s.E);
    }

    [Fact]
    public async Task Query_combines_filters()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { LabId = 1, Vendor = "Epic", Status = LogStatus.Success }, s.E);
        await AssertFindsAsync(new LogQuery { LabId = 2, PatientId = 100 });
    }

    [Fact]
    public async Task Query_window_includes_from_and_excludes_to()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery { From = T0.AddMinutes(-4), To = T0.AddMinutes(-2) }, s.C, s.D);
        await AssertFindsAsync(new LogQuery { From = T0.AddMinutes(-2) }, s.A, s.B);
        await AssertFindsAsync(new LogQuery { To = T0.AddMinutes(-5) }, s.F);
    }

    [Fact]
    public async Task Query_without_filters_returns_every_log_newest_first()
    {
        var s = await SeedFilterSetAsync();
        await AssertFindsAsync(new LogQuery(), s.A, s.B, s.C, s.D, s.E, s.F);
    }

    [Fact]
    public async Task Query_of_an_empty_store_returns_an_empty_last_page()
    {
        var page = await Reads.QueryAsync(new LogQuery(), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Query_by_status_follows_recorded_attempts()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);

        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Success, T0), CancellationToken.None);

        await AssertFindsAsync(new LogQuery { Status = LogStatus.Success }, log);
        await AssertFindsAsync(new LogQuery { Status = LogStatus.Queued });
    }

    [Fact]
    public async Task A_summary_shows_the_log_and_its_latest_attempt()
    {
        var log = NewLog(T0) with { Context = new LogContext { PatientId = 5, BillId = 6, SampleId = 7, ReportId = 8, Source = "retry" } };
        await Store.CreateAsync(log, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.RecordAttemptAsync(
            Attempt(log.Id, 1, LogStatus.Retrying, T0) with
            {
                Response = new ResponseRecord { StatusCode = 502 },
                Error = new ErrorRecord(ErrorClass.HttpStatus, "Bad Gateway", 502),
                NextAttemptAt = T0.AddSeconds(3),
            },
            CancellationToken.None);

        var summary = Assert.Single((await Reads.QueryAsync(new LogQuery(), CancellationToken.None)).Items);

        Assert.Equal(LogSummary.From(await GetExistingAsync(log.Id)), summary);
        Assert.Equal(502, summary.HttpStatus);
        Assert.Equal(1, summary.Attempts);
        Assert.Equal(12.5, summary.DurationMs);
    }

    /// <summary>
    /// A: lab 1, PatientRegistration, integration 10, Epic, patient 100, Queued, T0-1m.
    /// B: lab 1, BillGeneration, integration 11, Cerner, patient 100 bill 200, Success, T0-2m.
    /// C: lab 2, PatientRegistration, integration 20, Epic, patient 101, Fail, T0-3m.
    /// D: lab 1, SampleReceive, integration 12, Star Health, patient 100 sample 300, Retrying, T0-4m.
    /// E: lab 1, ReportSigned, integration 10, Epic, report 400, Success, T0-5m.
    /// F: lab 1, inbound, no action, no integration, Success, T0-6m.
    /// Created in shuffled order so that insertion order and time order differ.
    /// </summary>
    private async Task<FilterSet> SeedFilterSetAsync()
    {
        static LogState State(LogStatus status, DateTimeOffset at) => new()
        {
            Status = status,
            Attempts = status == LogStatus.Queued ? 0 : 1,
            UpdatedAt = at,
            CompletedAt = status is LogStatus.Success or LogStatus.Fail ? at : null,
        };

        var a = NewLog(T0.AddMinutes(-1), 1, (int)ActionId.PatientRegistration, 10, "Epic") with { Context = new LogContext { PatientId = 100 } };
        var b = NewLog(T0.AddMinutes(-2), 1, (int)ActionId.BillGeneration, 11, "Cerner") with { Context = new LogContext { PatientId = 100, BillId = 200 }, State = State(LogStatus.Success, T0.AddMinutes(-2)) };
        var c = NewLog(T0.AddMinutes(-3), 2, (int)ActionId.PatientRegistration, 20, "Epic") with { Context = new LogContext { PatientId = 101 }, State = State(LogStatus.Fail, T0.AddMinutes(-3)) };
        var d = NewLog(T0.AddMinutes(-4), 1, (int)ActionId.SampleReceive, 12, "Star Health") with { Context = new LogContext { PatientId = 100, SampleId = 300 }, State = State(LogStatus.Retrying, T0.AddMinutes(-4)) };
        var e = NewLog(T0.AddMinutes(-5), 1, (int)ActionId.ReportSigned, 10, "Epic") with { Context = new LogContext { ReportId = 400 }, State = State(LogStatus.Success, T0.AddMinutes(-5)) };
        var f = NewLog(T0.AddMinutes(-6), 1, 0, null, null) with { Direction = LogDirection.Inbound, Context = new LogContext { Source = "inbound" }, State = State(LogStatus.Success, T0.AddMinutes(-6)) };
        await CreateAllAsync(d, a, f, c, e, b);
        return new FilterSet(a, b, c, d, e, f);
    }

    /// <summary>Asserts that the query's first page holds exactly <paramref name="expected"/>, in that order.</summary>
    private async Task AssertFindsAsync(LogQuery query, params IntegrationLog[] expected)
    {
        var page = await Reads.QueryAsync(query, CancellationToken.None);
        Assert.Equal(expected.Select(l => l.Id), page.Items.Select(i => i.Id));
        Assert.Null(page.NextCursor);
    }

    private sealed record FilterSet(IntegrationLog A, IntegrationLog B, IntegrationLog C, IntegrationLog D, IntegrationLog E, IntegrationLog F);
}
