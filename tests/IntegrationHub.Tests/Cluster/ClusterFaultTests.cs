using System.Collections.Concurrent;
using System.Net;
using System.Text;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Infrastructure.Backends;
using IntegrationHub.Tests.Operations;
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

    [Fact]
    public async Task Limits_hold_for_the_cluster_as_the_partner_measures_them_and_retries_run_from_any_web_process()
    {
        // The partner notes when each request arrived and how many were in its hands at once.
        var arrivals = new ConcurrentQueue<TimeSpan>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inFlight = 0;
        var mostInFlight = 0;
        var flakyAnswers = HttpStatusCode.ServiceUnavailable;
        _partner.Responder = async request =>
        {
            if (request.Path == "/flaky")
            {
                return flakyAnswers == HttpStatusCode.OK ? SinkResponse.Ok("{}") : new SinkResponse((int)flakyAnswers, "{}");
            }

            arrivals.Enqueue(clock.Elapsed);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref inFlight);
            return SinkResponse.Ok("{}");
        };
        var web = await StartAsync("Web");
        var lab = await web.Client.CreateLabAsync("LIMITS");
        await web.Client.CreateIntegrationAsync(lab, 57, _partner.Url("/limited"), new { maxConcurrency = 2, rateLimitPerSecond = 5, timeoutSeconds = 10 });
        var others = await Task.WhenAll(StartAsync("Web"), StartAsync("Worker"), StartAsync("Worker"), StartAsync("Worker"));
        var otherWeb = others[0];

        // 30 deliveries a 5/s partner must take in about 6 s, from three worker processes.
        var csv = "mrn,firstName,lastName,dateOfBirth,sex,phone,email\n"
            + string.Concat(Enumerable.Range(0, 30).Select(i => $"LI-{i},First{i},Last{i},1980-01-01,F,+91-2-{i},l{i}@example.org\n"));
        Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync($"/api/labs/{lab}/patients/bulk", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
        await HubApi.WaitUntilAsync(() => arrivals.Count >= 30, seconds: 300, what: "30 deliveries to reach the partner");

        var times = arrivals.Order().ToList();
        var busiestSecond = times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < TimeSpan.FromSeconds(1)).Count()).Max();
        output.WriteLine($"30 deliveries over 3 worker processes: at most {busiestSecond} in any second (limit 5), at most {mostInFlight} at once (limit 2)");
        Assert.True(busiestSecond <= 5, $"the partner received {busiestSecond} requests within one second; its limit is 5");
        Assert.True(mostInFlight <= 2, $"the partner had {mostInFlight} requests at once; its limit is 2");

        // A partner that failed three deliveries for good, then came back.
        var flaky = await web.Client.CreateIntegrationAsync(lab, 57, _partner.Url("/flaky"), new { maxAttempts = 1, timeoutSeconds = 5 });
        var failed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, logIds) = await web.Client.RegisterPatientAsync(lab, $"FL-{i}");
            failed.AddRange(await FlakyLogsAsync(web, logIds, flaky));
        }

        foreach (var id in failed)
        {
            await web.Client.WaitForStatusAsync(id, "Fail", seconds: 120);
        }

        flakyAnswers = HttpStatusCode.OK;

        // A manual retry on one web process, read on the other.
        Assert.Equal(HttpStatusCode.Accepted, (await web.Client.PostAsync($"/api/logs/{failed[0]}/retry", null)).StatusCode);
        await otherWeb.Client.WaitForStatusAsync(failed[0], "Success", seconds: 120);

        // A bulk retry started on one web process; its progress and its end read on the other.
        var started = await web.Client.PostAsync($"/api/logs/retry-bulk?labId={lab}&integrationId={flaky}", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await started.ReadJsonAsync())["id"]!.GetValue<string>();
        var progress = await BulkRetryJobs.WaitAsync(otherWeb.Client, job, p => p.Count("succeeded") == 2, seconds: 120);
        Assert.Equal(2, progress.Count("matched"));
        foreach (var id in failed.Skip(1))
        {
            await otherWeb.Client.WaitForStatusAsync(id, "Success", seconds: 120);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    // The logs among a registration's that belong to the integration.
    private static async Task<IEnumerable<string>> FlakyLogsAsync(ServerProcess web, string[] logIds, long integration)
    {
        var mine = new List<string>();
        foreach (var id in logIds)
        {
            if ((await web.Client.GetLogAsync(id))["log"]!["integrationId"]?.GetValue<long>() == integration)
            {
                mine.Add(id);
            }
        }

        return mine;
    }

    private async Task<ServerProcess> StartAsync(string role)
    {
        var process = await ServerProcess.StartOnAsync(_postgres, _data, Settings, $"--IntegrationHub:Role={role}");
        lock (_processes)
        {
            _processes.Add(process);
        }

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
