using IntegrationHub.Actions;
using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task A_created_log_reads_back_with_every_field()
    {
        var created = T0.AddMinutes(-5);
        var log = new IntegrationLog
        {
            Id = IntegrationLog.NewId(),
            Direction = LogDirection.Inbound,
            LabId = 42,
            ActionId = (int)ActionId.ReportSigned,
            ActionName = nameof(ActionId.ReportSigned),
            Family = ActionFamily.Report,
            IntegrationId = 7,
            IntegrationName = "City Hospital EMR - reports",
            Vendor = "Epic",
            Context = new LogContext { PatientId = 1001, BillId = 2002, SampleId = 3003, ReportId = 4004, Source = "bulk", Caller = "key:lims-frontend" },
            CausedBy = IntegrationLog.NewId(),
            CreatedAt = created,
            Payload = new BodyRecord("application/json", """{"report":{"id":4004}}""", 4096, true),
            State = new LogState
            {
                Status = LogStatus.Success,
                Attempts = 1,
                UpdatedAt = created.AddSeconds(2),
                CompletedAt = created.AddSeconds(2),
                PartnerReference = "EMR-77",
            },
        };

        await Store.CreateAsync(log, CancellationToken.None);

        Assert.Equal(log, await Reads.GetAsync(log.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_inbound_call_keeps_its_caller_in_pages_and_the_deliveries_it_queued_in_its_log()
    {
        var triggered = new[] { IntegrationLog.NewId(), IntegrationLog.NewId() };
        var call = NewLog(T0.AddMinutes(-2), 1, 0, null, null) with
        {
            Direction = LogDirection.Inbound,
            ActionName = "POST /api/labs/{labId}/patients",
            Context = new LogContext { PatientId = 55, Source = "inbound", Caller = "user:nurse.joy" },
            Triggered = triggered,
            State = new LogState { Status = LogStatus.Success, Attempts = 1, UpdatedAt = T0.AddMinutes(-2) },
        };
        var delivery = NewLog(T0.AddMinutes(-1)) with { Context = new LogContext { PatientId = 55, Source = "api", Caller = "user:nurse.joy" }, CausedBy = call.Id };
        var quiet = NewLog(T0);
        await CreateAllAsync(call, delivery, quiet);

        var page = (await Reads.QueryAsync(new LogQuery(), CancellationToken.None)).Items;
        Assert.Equal(["user:nurse.joy", "user:nurse.joy", null], page.Select(l => l.Context.Caller).Reverse());
        var read = await Reads.GetAsync(call.Id, CancellationToken.None);
        Assert.Equal(triggered, read!.Triggered);
        Assert.Equal(call.Id, (await Reads.GetAsync(delivery.Id, CancellationToken.None))!.CausedBy);
        Assert.Null((await Reads.GetAsync(quiet.Id, CancellationToken.None))!.Triggered);
    }

    [Fact]
    public async Task A_minimal_log_reads_back_with_its_defaults()
    {
        var log = NewLog(T0, integrationId: null, vendor: null);

        await Store.CreateAsync(log, CancellationToken.None);

        var read = await GetExistingAsync(log.Id);
        Assert.Equal(log, read);
        Assert.Null(read.Payload);
        Assert.Equal(LogStatus.Queued, read.State.Status);
    }

    [Fact]
    public async Task Getting_an_unknown_log_returns_null()
    {
        await Store.CreateAsync(NewLog(T0), CancellationToken.None);

        Assert.Null(await Reads.GetAsync(IntegrationLog.NewId(), CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_log_has_no_attempts()
    {
        Assert.Empty(await Reads.GetAttemptsAsync(IntegrationLog.NewId(), CancellationToken.None));
    }
}
