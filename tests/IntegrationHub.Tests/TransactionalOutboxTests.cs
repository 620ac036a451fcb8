using IntegrationHub.Lab.Services;
using IntegrationHub.Queue;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class TransactionalOutboxTests : IAsyncLifetime
{
    private HubTestServer _hub = null!;
    private TestSink _sink = null!;

    public async Task InitializeAsync()
    {
        _hub = await HubTestServer.StartAsync();
        _sink = await TestSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task A_rolled_back_business_change_queues_and_sends_nothing()
    {
        var lab = await _hub.Client.CreateLabAsync("OUTBOX");
        await _hub.Client.CreateIntegrationAsync(lab, 57, _sink.Url("/outbox"));

        await using (var scope = _hub.Services.CreateAsyncScope())
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

        Assert.Equal(0, _hub.Scalar("SELECT COUNT(*) FROM lab_patients WHERE Mrn = 'ROLLBACK-1'"));
        Assert.Equal(0, _hub.Scalar($"SELECT COUNT(*) FROM hub_log WHERE lab_id = {lab} AND direction = 'Outbound'"));
        Assert.Equal(0, await _hub.Services.GetRequiredService<IDispatchQueue>().CountAsync(CancellationToken.None));
        await Task.Delay(500);
        Assert.Empty(_sink.Requests);

        // The same operation, committed, is delivered.
        var (_, logIds) = await _hub.Client.RegisterPatientAsync(lab, "ROLLBACK-1");
        await _hub.Client.WaitForStatusAsync(logIds.Single(), "Success");
        Assert.Single(_sink.Requests);
    }
}
