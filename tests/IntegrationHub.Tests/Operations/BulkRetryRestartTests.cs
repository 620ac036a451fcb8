using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Operations;

/// <summary>
/// A bulk retry interrupted half-way through its logs: the server killed (a real child process, SIGKILL)
/// or stopped, then started again on the same data. A window of 3 and a slow partner that takes one
/// delivery at a time keep the job walking long enough to be interrupted.
/// </summary>
public sealed class BulkRetryRestartTests : IAsyncLifetime
{
    private const int Logs = 15;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["IntegrationHub__LeaseMargin"] = "00:00:01",
        ["IntegrationHub__BulkRetry__Lease"] = "00:00:02",
        ["IntegrationHub__BulkRetry__Window"] = "3",
    };

    // A lease far longer than the test: only a stop that hands the job over lets the next start go on with it.
    private static readonly Dictionary<string, string> LongLease = new(Settings) { ["IntegrationHub__BulkRetry__Lease"] = "00:30:00" };

    private readonly TempDataFolder _data = new("hub-bulk-restart");
    private TestSink _sink = null!;

    public async Task InitializeAsync() => _sink = await TestSink.StartAsync();

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        _data.Dispose();
    }

    private async Task<(long Lab, List<string> LogIds)> FailLogsAsync(HttpClient client)
    {
        _sink.Responder = _ => Task.FromResult(SinkResponse.WithStatus(400, """{"error":"rejected"}"""));
        var lab = await client.CreateLabAsync("BULK-RESTART");
        await client.CreateIntegrationAsync(lab, 57, _sink.Url("/bulk-restart"), new { maxAttempts = 1, maxConcurrency = 1, timeoutSeconds = 2 });
        var logIds = new List<string>();
        for (var i = 0; i < Logs; i++)
        {
            logIds.AddRange((await client.RegisterPatientAsync(lab, $"BR-{i}")).LogIds);
        }

        foreach (var id in logIds)
        {
            await client.WaitForStatusAsync(id, "Fail", seconds: 60);
        }

        _sink.Responder = async _ =>
        {
            await Task.Delay(300);
            return SinkResponse.Ok("{}");
        };
        return (lab, logIds);
    }

    private static void AssertInterruptedMidWalk(System.Text.Json.Nodes.JsonNode progress) =>
        Assert.True(!progress.Done() && progress.Count("queued") < Logs, $"the restart should interrupt the job: {progress.ToJsonString()}");

    private async Task AssertFinishedAsync(HttpClient client, string jobId, List<string> logIds, System.Text.Json.Nodes.JsonNode beforeRestart)
    {
        var afterRestart = await BulkRetryJobs.ProgressAsync(client, jobId);
        Assert.Equal(Logs, afterRestart.Count("matched"));
        Assert.True(afterRestart.Count("queued") >= beforeRestart.Count("queued"), $"{afterRestart.ToJsonString()} lost progress of {beforeRestart.ToJsonString()}");

        var done = await BulkRetryJobs.WaitAsync(client, jobId, p => p.Done(), seconds: 120);
        Assert.Equal(
            (Logs, Logs, Logs, 0, 0, 0),
            (done.Count("matched"), done.Count("queued"), done.Count("succeeded"), done.Count("failed"), done.Count("skipped"), done.Count("pending")));
        await BulkRetryJobs.AssertRetriedOnceAsync(client, logIds);

        // At least once at the partner: a delivery cut by the kill is sent again, with the same attempt.
        var retried = _sink.Requests.Where(r => r.Header("X-Hub-Attempt") == "2").Select(r => r.Header("X-Hub-Delivery-Id")).ToHashSet();
        Assert.All(logIds, id => Assert.Contains(id, retried));
    }

    [Fact]
    public async Task A_job_killed_with_its_server_resumes_from_its_cursor_and_retries_every_log_exactly_once()
    {
        List<string> logIds;
        string jobId;
        System.Text.Json.Nodes.JsonNode beforeKill;
        using (var first = await ServerProcess.StartAsync(_data.Path, Settings))
        {
            (var lab, logIds) = await FailLogsAsync(first.Client);
            jobId = await BulkRetryJobs.StartAsync(first.Client, lab);
            beforeKill = await BulkRetryJobs.WaitAsync(first.Client, jobId, p => p.Count("queued") >= 3, seconds: 60);
            first.Kill();
        }

        AssertInterruptedMidWalk(beforeKill);
        using var second = await ServerProcess.StartAsync(_data.Path, Settings);
        await AssertFinishedAsync(second.Client, jobId, logIds, beforeKill);
    }

    [Fact]
    public async Task A_job_stopped_with_its_server_is_handed_over_and_goes_on_at_the_next_start()
    {
        List<string> logIds;
        string jobId;
        System.Text.Json.Nodes.JsonNode beforeStop;
        using (var first = await ServerProcess.StartAsync(_data.Path, LongLease))
        {
            (var lab, logIds) = await FailLogsAsync(first.Client);
            jobId = await BulkRetryJobs.StartAsync(first.Client, lab);
            beforeStop = await BulkRetryJobs.WaitAsync(first.Client, jobId, p => p.Count("queued") >= 3, seconds: 60);
            Assert.Equal(0, await first.StopAsync());
        }

        AssertInterruptedMidWalk(beforeStop);
        using var second = await ServerProcess.StartAsync(_data.Path, LongLease);
        await AssertFinishedAsync(second.Client, jobId, logIds, beforeStop);
    }
}
