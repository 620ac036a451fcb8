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
            Context = new LogContext { PatientId = 1001, BillId = 2002, SampleId = 3003, ReportId = 4004, Source = "bulk" },
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
