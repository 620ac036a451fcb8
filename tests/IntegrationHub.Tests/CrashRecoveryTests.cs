using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

/// <summary>The server as a real child process, killed with SIGKILL mid-delivery and started again on the same data.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> ShortLeases = new() { ["IntegrationHub__LeaseMargin"] = "00:00:01" };
    private readonly TempDataFolder _data = new("hub-crash");
    private TestSink _sink = null!;

    public async Task InitializeAsync()
    {
        _sink = await TestSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Tasks_queued_before_a_sigkill_are_all_delivered_after_restart()
    {
        // The partner holds every answer until the process is killed, so the kill lands mid-backlog
        // however fast or slow this machine is.
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.Responder = async _ =>
        {
            await killed.Task;
            return SinkResponse.Ok("{}");
        };
        var logIds = new List<string>();
        long lab;
        using (var first = await ServerProcess.StartAsync(_data.Path, ShortLeases))
        {
            lab = await first.Client.CreateLabAsync("CRASH");
            await first.Client.CreateIntegrationAsync(lab, 57, _sink.Url("/slow-partner"), new { timeoutSeconds = 2, maxConcurrency = 2 });
            for (var i = 0; i < 12; i++)
            {
                logIds.AddRange((await first.Client.RegisterPatientAsync(lab, $"CR-{i}")).LogIds);
            }

            await HubApi.WaitUntilAsync(() => _sink.Requests.Count >= 2, what: "deliveries to be in flight");
            first.Kill();
        }

        killed.SetResult();

        var deliveredBeforeKill = _sink.Requests.Select(r => r.Header("X-Hub-Delivery-Id")).Distinct().Count();
        Assert.True(deliveredBeforeKill < logIds.Count, "the kill should interrupt the backlog");

        using var second = await ServerProcess.StartAsync(_data.Path, ShortLeases);
        foreach (var id in logIds)
        {
            var log = await second.Client.WaitForStatusAsync(id, "Success", seconds: 60);
            Assert.Equal("Success", log.Status());
        }

        var received = _sink.Requests.Select(r => r.Header("X-Hub-Delivery-Id")).ToHashSet();
        Assert.All(logIds, id => Assert.Contains(id, received));
        foreach (var open in new[] { "Queued", "Retrying" })
        {
            var page = await (await second.Client.GetAsync($"/api/logs?labId={lab}&direction=Outbound&status={open}")).ReadJsonAsync();
            Assert.Empty(page["items"]!.AsArray());
        }
    }
}
