using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class LogStoreOutageTests : HubTest
{
    [Fact]
    public async Task An_outcome_that_cannot_be_written_waits_in_the_spool_and_lands_later()
    {
        var lab = await Hub.Client.CreateLabAsync("OUTAGE");
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/partner"), new { referenceField = "id" });
        var gate = new TaskCompletionSource();
        Sink.Responder = async _ =>
        {
            await gate.Task;
            return SinkResponse.Ok("""{"id":"P-1"}""");
        };
        var logId = (await Hub.Client.RegisterPatientAsync(lab, "OUT-1")).LogIds.Single();
        await HubApi.WaitUntilAsync(() => Sink.Requests.Count == 1, what: "the delivery to be in flight");

        // The log store fails while the partner answers.
        await using (await Hub.Faults.TakeLogStoreOfflineAsync())
        {
            gate.SetResult();
            await HubApi.WaitUntilAsync(
                async () => SpooledFiles() == 1 && await Hub.CountQueuedTasksAsync() == 0,
                what: "the outcome to wait in the spool and the delivery to be done");
        }

        var log = await Hub.Client.WaitForStatusAsync(logId, "Success");
        Assert.Equal(1, log.Attempts());
        Assert.Equal("P-1", log["log"]!["state"]!["partnerReference"]!.GetValue<string>());
        Assert.Single(Sink.Requests);
        await HubApi.WaitUntilAsync(() => SpooledFiles() == 0, seconds: 40, what: "the spool to drain");
        Assert.Equal(0, await Hub.CountQueuedTasksAsync());
    }

    private int SpooledFiles()
    {
        var folder = Path.Combine(Hub.DataFolder, "spool");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Length : 0;
    }
}
