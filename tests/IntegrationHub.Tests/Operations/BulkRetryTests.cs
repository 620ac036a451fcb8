using System.Diagnostics;
using System.Net;
using IntegrationHub.Logging;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Operations;

public sealed class BulkRetryTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("BULK");
    }

    private async Task<List<string>> FailManyAsync(string path, int count, object? extra = null)
    {
        Sink.Responder = _ => Task.FromResult(SinkResponse.WithStatus(400, """{"error":"rejected"}"""));
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url(path), extra ?? new { maxAttempts = 1 });
        var logs = new List<string>();
        for (var i = 0; i < count; i++)
        {
            logs.AddRange((await Hub.Client.RegisterPatientAsync(_lab, $"{path}-{i}")).LogIds);
        }

        foreach (var log in logs)
        {
            await Hub.Client.WaitForStatusAsync(log, "Fail");
        }

        Sink.Responder = r => Task.FromResult(SinkResponse.Ok($$"""{"id":"OK-{{r.Sequence}}"}"""));
        return logs;
    }

    private async Task<System.Text.Json.Nodes.JsonNode> WaitForJobAsync(string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var progress = await (await Hub.Client.GetAsync($"/api/logs/retry-bulk/{jobId}")).ReadJsonAsync();
            if (progress["done"]!.GetValue<bool>() || DateTime.UtcNow > deadline)
            {
                return progress;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_bulk_retry_counts_first_then_retries_every_matching_failure_within_the_rate_limit()
    {
        var failed = await FailManyAsync("/limited", 12, new { maxAttempts = 1, rateLimitPerSecond = 5, maxConcurrency = 10 });
        var dryRun = await (await Hub.Client.PostAsync($"/api/logs/retry-bulk/dry-run?labId={_lab}&direction=Outbound", null)).ReadJsonAsync();
        Assert.Equal(12, dryRun["failedLogs"]!.GetValue<long>());
        Assert.Equal(12, await Hub.CountLogsAsync(new LogQuery { Status = LogStatus.Fail }));
        var before = Sink.RequestsTo("/limited").Count;

        var started = await Hub.Client.PostAsync($"/api/logs/retry-bulk?labId={_lab}", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var progress = await WaitForJobAsync((await started.ReadJsonAsync())["id"]!.GetValue<string>());

        Assert.True(progress["done"]!.GetValue<bool>(), progress.ToJsonString());
        Assert.Equal(12, progress["matched"]!.GetValue<int>());
        Assert.Equal(12, progress["succeeded"]!.GetValue<int>());
        foreach (var id in failed)
        {
            Assert.Equal(LogStatus.Success, (await Hub.StoredLogAsync(id)).State.Status);
        }

        var arrivals = Sink.RequestsTo("/limited").Skip(before).Select(r => r.Timestamp).Order().ToList();
        Assert.Equal(12, arrivals.Count);
        for (var i = 0; i + 5 < arrivals.Count; i++)
        {
            var span = Stopwatch.GetElapsedTime(arrivals[i], arrivals[i + 5]);
            Assert.True(span >= TimeSpan.FromSeconds(1), $"retries {i}..{i + 5} arrived within {span.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public async Task A_bulk_retry_touches_only_the_filtered_failures_and_records_who_asked()
    {
        await FailManyAsync("/first", 2);
        await FailManyAsync("/second", 1);

        // The second registration fanned out to both integrations: 3 failures for the first, 1 for the second.
        var integrationOfOther = (await Hub.StoredIntegrationsAsync()).Max(i => i.Id);
        var other = (await Hub.ListLogsAsync(new LogQuery { IntegrationId = integrationOfOther })).Single().Id;

        using var op = await Hub.ClientForAsync("Operator", "*");

        var dryRun = await (await op.PostAsync($"/api/logs/retry-bulk/dry-run?integrationId={integrationOfOther}", null)).ReadJsonAsync();
        Assert.Equal(1, dryRun["failedLogs"]!.GetValue<long>());
        var started = await (await op.PostAsync($"/api/logs/retry-bulk?integrationId={integrationOfOther}", null)).ReadJsonAsync();
        var jobId = started["id"]!.GetValue<string>();
        await HubApi.WaitUntilAsync(async () => (await Hub.StoredLogAsync(other)).State.Status == LogStatus.Success);

        Assert.Equal(3, await Hub.CountLogsAsync(new LogQuery { Status = LogStatus.Fail }));
        Assert.Equal(1, (await Hub.AttemptsAsync(other)).Count(a => a.RequestedBy == "key:test-Operator-*"));
        Assert.Equal(1, (await Hub.AuditEntriesAsync()).Count(e => e.Action == "log.bulk-retried" && e.Target == $"bulk {jobId}"));

        using var viewer = await Hub.ClientForAsync("Viewer", "*");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/logs/retry-bulk/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsync("/api/logs/retry-bulk?status=Bogus", null)).StatusCode);
    }
}
