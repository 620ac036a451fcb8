using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class LogStoreOutageTests : IAsyncLifetime
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

    private void Execute(string sql)
    {
        using var connection = _hub.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task An_outcome_that_cannot_be_written_goes_through_the_queue_and_lands_later()
    {
        var lab = await _hub.Client.CreateLabAsync("OUTAGE");
        await _hub.Client.CreateIntegrationAsync(lab, 57, _sink.Url("/partner"), new { referenceField = "id" });
        var gate = new TaskCompletionSource();
        _sink.Responder = async _ =>
        {
            await gate.Task;
            return SinkResponse.Ok("""{"id":"P-1"}""");
        };
        var logId = (await _hub.Client.RegisterPatientAsync(lab, "OUT-1")).LogIds.Single();
        await HubApi.WaitUntilAsync(() => _sink.Requests.Count == 1, what: "the delivery to be in flight");

        // The log store fails (its table is gone) while the partner answers.
        Execute("ALTER TABLE hub_log RENAME TO hub_log_offline");
        gate.SetResult();
        await HubApi.WaitUntilAsync(
            () => _hub.Scalar("SELECT COUNT(*) FROM hub_queue WHERE kind = 'LogRecord'") == 1 && _hub.Scalar("SELECT COUNT(*) FROM hub_queue WHERE kind = 'Delivery'") == 0,
            what: "the outcome to be queued as a log record and the delivery to be done");

        Execute("ALTER TABLE hub_log_offline RENAME TO hub_log");
        var log = await _hub.Client.WaitForStatusAsync(logId, "Success");
        Assert.Equal(1, log.Attempts());
        Assert.Equal("P-1", log["log"]!["state"]!["partnerReference"]!.GetValue<string>());
        Assert.Single(_sink.Requests);
        await HubApi.WaitUntilAsync(() => _hub.Scalar("SELECT COUNT(*) FROM hub_queue") == 0, what: "the queue to drain");
    }
}
