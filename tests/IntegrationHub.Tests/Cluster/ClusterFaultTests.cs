using System.Collections.Concurrent;
using System.Net;
using System.Text;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Infrastructure.Backends;
using Xunit.Abstractions;

namespace IntegrationHub.Tests.Cluster;

/// <summary>
/// Several hub processes on one PostgreSQL database, as real child processes of the built server:
/// one web process and three workers. PostgreSQL whatever <c>HUB_TEST_BACKEND</c> says, since
/// SQLite serves one process; the test command runs it in its first pass only (trait
/// <c>Backend=PostgreSql</c>), not again in the PostgreSQL pass.
/// </summary>
[Trait("Backend", "PostgreSql")]
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Deliveries = 600;
    private const int WorkersPerProcess = 4;

    // Short heartbeat leases, so a killed worker's deliveries come back within seconds.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["IntegrationHub__HeartbeatLease"] = "00:00:03",
        ["IntegrationHub__WorkerCount"] = $"{WorkersPerProcess}",
    };

    private readonly PostgreSqlTestBackend _postgres = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "hub-cluster", Guid.NewGuid().ToString("N"));
    private readonly List<ServerProcess> _processes = [];
    private TestSink _partner = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _partner = await TestSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        await _partner.DisposeAsync();
        _postgres.Release(_data, delete: true);
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Workers_killed_mid_run_lose_nothing_and_repeat_only_what_was_in_flight()
    {
        // A slow partner: every answer takes 150 ms, so the run lasts well past the kills.
        var received = new ConcurrentQueue<string>();
        _partner.Responder = async request =>
        {
            received.Enqueue(request.Header("X-Hub-Delivery-Id") ?? "");
            await Task.Delay(150);
            return SinkResponse.Ok("{}");
        };
        var web = await StartAsync("Web");
        var lab = await web.Client.CreateLabAsync("CLUSTER");
        var integration = await web.Client.CreateIntegrationAsync(lab, 57, _partner.Url("/emr"), new { maxConcurrency = 16, timeoutSeconds = 10 });
        var workers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartAsync("Worker")));

        // 600 registrations in one upload: 600 deliveries queued with their business change.
        var csv = "mrn,firstName,lastName,dateOfBirth,sex,phone,email\n"
            + string.Concat(Enumerable.Range(0, Deliveries).Select(i => $"CL-{i},First{i},Last{i},1980-01-01,F,+91-1-{i},p{i}@example.org\n"));
        var upload = await web.Client.PostAsync($"/api/labs/{lab}/patients/bulk", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        // Every 2 s a random worker is killed (SIGKILL) and started again, three times.
        await HubApi.WaitUntilAsync(() => !received.IsEmpty, seconds: 120, what: "the first delivery");
        var random = new Random(12);
        var kills = new List<int>();
        for (var kill = 0; kill < 3; kill++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var victim = random.Next(workers.Length);
            kills.Add(received.Count);
            workers[victim].Kill();
            workers[victim] = await StartAsync("Worker");
        }

        Assert.True(kills[0] < Deliveries, "the first kill should land mid-run");
        var counts = await WaitForAllSettledAsync(web, lab, integration);

        var ids = received.ToList();
        var distinct = ids.ToHashSet();
        var repeats = ids.Count - distinct.Count;
        output.WriteLine($"{Deliveries} deliveries, 3 workers x {WorkersPerProcess}, kills after {string.Join(", ", kills)} requests received; " +
                         $"partner received {ids.Count} requests, {distinct.Count} distinct delivery ids, {repeats} repeats; logs {counts}");
        Assert.Equal($"success {Deliveries}, fail 0, queued 0, retrying 0", counts);
        Assert.Equal(Deliveries, distinct.Count);

        // A repeat is a delivery in flight at a kill: at most what a worker process holds at once
        // (its workers, and as many leases waiting for their commit), for each of the three kills.
        Assert.True(repeats <= 3 * 2 * WorkersPerProcess, $"{repeats} repeats: more than the deliveries three kills can interrupt");
    }

    private async Task<ServerProcess> StartAsync(string role)
    {
        var process = await ServerProcess.StartOnAsync(_postgres, _data, Settings, $"--IntegrationHub:Role={role}");
        _processes.Add(process);
        return process;
    }

    // The integration's logs by status, once nothing is queued or retrying any more (or the bound ran out).
    private static async Task<string> WaitForAllSettledAsync(ServerProcess web, long lab, long integration)
    {
        var counts = "";
        await HubApi.WaitUntilAsync(async () =>
        {
            var stats = await (await web.Client.GetAsync($"/api/stats?labId={lab}")).ReadJsonAsync();
            var mine = stats["byIntegration"]!.AsArray().Single(i => i!["integrationId"]!.GetValue<long>() == integration)!["counts"]!;
            counts = $"success {mine["success"]}, fail {mine["fail"]}, queued {mine["queued"]}, retrying {mine["retrying"]}";
            return mine["success"]!.GetValue<long>() + mine["fail"]!.GetValue<long>() == Deliveries;
        }, seconds: 300, what: "every delivery to end");
        return counts;
    }
}
