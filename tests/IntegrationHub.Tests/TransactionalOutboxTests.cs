using IntegrationHub.Lab.Services;
using IntegrationHub.Logging;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests;

public sealed class TransactionalOutboxTests : HubTest
{
    [Fact]
    public async Task A_rolled_back_business_change_queues_and_sends_nothing()
    {
        var lab = await Hub.Client.CreateLabAsync("OUTBOX");
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/outbox"));

        await using (var scope = Hub.Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<LabUnitOfWork>();
            var patients = scope.ServiceProvider.GetRequiredService<PatientService>();
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => unitOfWork.RunAsync<int>(async ct =>
            {
                var registered = await patients.RegisterInTransactionAsync(lab, new PatientInput { Mrn = "ROLLBACK-1", FirstName = "Never", LastName = "Seen" }, "api", ct);
                Assert.Single(registered.DeliveryLogIds);
                throw new InvalidOperationException("a later step of the business operation failed");
            }, CancellationToken.None));
            Assert.Contains("later step", failure.Message);
        }

        Assert.Equal(0, await Hub.LabAsync(db => db.Patients.CountAsync(p => p.Mrn == "ROLLBACK-1")));
        Assert.Equal(0, await Hub.CountLogsAsync(new LogQuery { LabId = lab, Direction = LogDirection.Outbound }));
        Assert.Equal(0, await Hub.CountQueuedTasksAsync());
        await Task.Delay(500);
        Assert.Empty(Sink.Requests);

        // The same operation, committed, is delivered.
        var (_, logIds) = await Hub.Client.RegisterPatientAsync(lab, "ROLLBACK-1");
        await Hub.Client.WaitForStatusAsync(logIds.Single(), "Success");
        Assert.Single(Sink.Requests);
    }
}
