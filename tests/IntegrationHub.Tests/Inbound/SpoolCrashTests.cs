using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Infrastructure.Backends;

namespace IntegrationHub.Tests.Inbound;

/// <summary>The server as a real child process: a log record waiting in the spool survives a SIGKILL.</summary>
public sealed class SpoolCrashTests : IDisposable
{
    private readonly TempDataFolder _data = new("hub-spool-crash");

    public void Dispose() => _data.Dispose();

    private int Spooled() => Directory.Exists(Path.Combine(_data.Path, "spool")) ? Directory.GetFiles(Path.Combine(_data.Path, "spool"), "*.json").Length : 0;

    [Fact]
    public async Task The_log_of_a_call_made_while_store_and_queue_were_down_lands_after_a_sigkill_and_restart()
    {
        var faults = TestBackend.Current.FaultsFor(_data.Path);
        long lab;
        using (var first = await ServerProcess.StartAsync(_data.Path, new Dictionary<string, string>()))
        {
            lab = await first.Client.CreateLabAsync("SPOOL");
            // An integration, so registering a patient writes to the hub's (offline) log store and queue, and fails.
            await first.Client.CreateIntegrationAsync(lab, 57, "http://127.0.0.1:9/partner");

            // Both come back only once the first server is killed, before the second starts.
            await using (await faults.TakeLogStoreOfflineAsync())
            await using (await faults.TakeQueueOfflineAsync())
            {
                var answer = await first.Client.PostAsJsonAsync($"/api/labs/{lab}/patients", new { mrn = "SP-1", firstName = "Asha", lastName = "Rao", sex = "F", dateOfBirth = "1985-04-02" });

                Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
                Assert.Equal(1, Spooled());
                first.Kill();
            }
        }

        using var second = await ServerProcess.StartAsync(_data.Path, new Dictionary<string, string>());
        JsonNode? failed = null;
        await HubApi.WaitUntilAsync(() =>
        {
            var page = second.Client.GetFromJsonAsync<JsonNode>($"/api/logs?labId={lab}&direction=Inbound&status=Fail").GetAwaiter().GetResult()!;
            failed = page["items"]!.AsArray().FirstOrDefault(i => i!["actionName"]!.GetValue<string>() == "POST /api/labs/{labId}/patients");
            return failed is not null;
        }, seconds: 40, what: "the spooled log to land after the restart");
        var detail = await second.Client.GetLogAsync(failed!["id"]!.GetValue<string>());
        Assert.Contains("SP-1", detail["attempts"]![0]!["request"]!["body"]!["text"]!.GetValue<string>());
        Assert.Contains(faults.LogStoreOfflineError, detail["attempts"]![0]!["error"]!["message"]!.GetValue<string>());
        await HubApi.WaitUntilAsync(() => Spooled() == 0, what: "the spool to drain");
    }
}
