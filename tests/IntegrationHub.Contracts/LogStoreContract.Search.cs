using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task A_search_finds_the_logs_of_any_entity_it_names_or_of_its_reference_newest_first_with_the_other_filters()
    {
        var patient = NewLog(T0.AddMinutes(-6)) with { Context = new LogContext { PatientId = 11 } };
        var bill = NewLog(T0.AddMinutes(-5)) with { Context = new LogContext { PatientId = 12, BillId = 21 } };
        var sample = NewLog(T0.AddMinutes(-4), labId: 2) with { Context = new LogContext { SampleId = 31 } };
        var report = NewLog(T0.AddMinutes(-3)) with { Context = new LogContext { ReportId = 41 } };
        var referenced = NewLog(T0.AddMinutes(-2)) with { Context = new LogContext { PatientId = 99 } };
        var other = NewLog(T0.AddMinutes(-1)) with { Context = new LogContext { PatientId = 13, BillId = 22, SampleId = 32, ReportId = 42 } };
        await CreateAllAsync(patient, bill, sample, report, referenced, other);
        await Store.RecordAttemptAsync(Attempt(referenced.Id, 1, LogStatus.Success, T0.AddMinutes(-2)) with { PartnerReference = "EMR-7731" }, CancellationToken.None);

        var everything = new LogSearch { PatientIds = [11], BillIds = [21], SampleIds = [31], ReportIds = [41], Reference = "EMR-7731" };
        await AssertFindsAsync(new LogQuery { Search = everything }, referenced, report, sample, bill, patient);
        await AssertFindsAsync(new LogQuery { Search = new LogSearch { Reference = "EMR-7731" } }, referenced);
        await AssertFindsAsync(new LogQuery { Search = new LogSearch { Reference = bill.Id } }, bill);
        await AssertFindsAsync(new LogQuery { Search = new LogSearch { PatientIds = [11, 12] } }, bill, patient);

        // With the other filters and the reader's labs, and counted alike.
        await AssertFindsAsync(new LogQuery { Search = everything, LabIds = [1] }, referenced, report, bill, patient);
        await AssertFindsAsync(new LogQuery { Search = everything, From = T0.AddMinutes(-4) }, referenced, report, sample);
        Assert.Equal(5, await Reads.CountAsync(new LogQuery { Search = everything }, CancellationToken.None));

        // Case and near misses find nothing: the match is exact.
        await AssertFindsAsync(new LogQuery { Search = new LogSearch { Reference = "emr-7731" } });
        await AssertFindsAsync(new LogQuery { Search = new LogSearch { Reference = "EMR-773" } });
    }

    [Fact]
    public async Task A_search_that_resolved_to_nothing_finds_no_log_never_every_log()
    {
        await CreateAllAsync(NewLog(T0.AddMinutes(-1)), NewLog(T0));

        await AssertFindsAsync(new LogQuery { Search = new LogSearch() });
        Assert.Equal(0, await Reads.CountAsync(new LogQuery { Search = new LogSearch() }, CancellationToken.None));
    }

    [Fact]
    public async Task A_search_pages_by_keyset_like_any_filter()
    {
        var logs = Enumerable.Range(0, 5).Select(i => NewLog(T0.AddSeconds(i)) with { Context = new LogContext { PatientId = 7 } }).ToList();
        await CreateAllAsync([.. logs, NewLog(T0.AddSeconds(10))]);

        var search = new LogSearch { PatientIds = [7] };
        var first = await Reads.QueryAsync(new LogQuery { Search = search, Limit = 3 }, CancellationToken.None);
        var second = await Reads.QueryAsync(new LogQuery { Search = search, Limit = 3, Cursor = first.NextCursor }, CancellationToken.None);

        Assert.Equal(logs.AsEnumerable().Reverse().Select(l => l.Id), first.Items.Concat(second.Items).Select(l => l.Id));
        Assert.Null(second.NextCursor);
    }
}
