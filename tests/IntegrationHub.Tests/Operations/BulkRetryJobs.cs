using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Operations;

/// <summary>Following a bulk retry job over HTTP.</summary>
internal static class BulkRetryJobs
{
    public static async Task<string> StartAsync(HttpClient client, long labId)
    {
        var started = await client.PostAsync($"/api/logs/retry-bulk?labId={labId}", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return (await started.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    public static async Task<JsonNode> ProgressAsync(HttpClient client, string jobId)
    {
        var response = await client.GetAsync($"/api/logs/retry-bulk/{jobId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Polls the job's progress until <paramref name="reached"/> holds; fails with the last progress after <paramref name="seconds"/>.</summary>
    public static async Task<JsonNode> WaitAsync(HttpClient client, string jobId, Func<JsonNode, bool> reached, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var progress = await ProgressAsync(client, jobId);
            if (reached(progress))
            {
                return progress;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Bulk retry {jobId} did not get there within {seconds} s; last: {progress.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }

    public static int Count(this JsonNode progress, string name) => progress[name]!.GetValue<int>();

    public static bool Done(this JsonNode progress) => progress["done"]!.GetValue<bool>();

    /// <summary>The manual attempts in a log's history.</summary>
    public static async Task<int> ManualAttemptsAsync(HttpClient client, string logId) =>
        (await client.GetLogAsync(logId))["attempts"]!.AsArray().Count(a => a!["kind"]!.GetValue<string>() == "Manual");

    /// <summary>Every one of <paramref name="logIds"/> succeeded after exactly one manual attempt.</summary>
    public static async Task AssertRetriedOnceAsync(HttpClient client, IEnumerable<string> logIds)
    {
        foreach (var id in logIds)
        {
            Assert.Equal("Success", (await client.GetLogAsync(id)).Status());
            Assert.Equal(1, await ManualAttemptsAsync(client, id));
        }
    }
}
