using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using IntegrationHub.Contracts;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Infrastructure.Backends;
using Npgsql;
using Xunit.Abstractions;

namespace IntegrationHub.Tests.Cluster;

/// <summary>
/// PostgreSQL stopped for 10 s under a running hub (a real server process) and started again on its
/// data. A cluster of the test's own (scripts/start-postgres.sh on another port and folder), so the
/// outage touches no other test.
/// </summary>
[Trait("Backend", "PostgreSql")]
public sealed class PostgreSqlOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Dictionary<string, string> _cluster = new()
    {
        ["HUB_PG_PORT"] = $"{ServerProcess.FreePort()}",
        ["HUB_PG_DIR"] = Path.Combine(Path.GetTempPath(), "hub-outage-postgres", Guid.NewGuid().ToString("N")),
    };

    private readonly TempDataFolder _data = new("hub-outage");
    private TestSink _partner = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var maintenance = PostgreSqlTestServer.RunScript("start-postgres.sh", _cluster);
        await using (var connection = new NpgsqlConnection(maintenance))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE hub_outage", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(maintenance) { Database = "hub_outage" }.ConnectionString;
        _partner = await TestSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _partner.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            PostgreSqlTestServer.RunScript("stop-postgres.sh", _cluster);
        }
        finally
        {
            Directory.Delete(_cluster["HUB_PG_DIR"], recursive: true);
            _data.Dispose();
        }
    }

    [Fact]
    public async Task While_postgresql_is_down_calls_answer_503_and_nothing_accepted_before_is_lost()
    {
        var received = new ConcurrentQueue<string>();
        _partner.Responder = async request =>
        {
            received.Enqueue(request.Header("X-Hub-Delivery-Id") ?? "");
            await Task.Delay(200);
            return SinkResponse.Ok("{}");
        };
        using var hub = await ServerProcess.StartOnAsync(new OwnCluster(_connectionString), _data.Path, new Dictionary<string, string>
        {
            ["IntegrationHub__HeartbeatLease"] = "00:00:03",
            ["IntegrationHub__BackstopPollInterval"] = "00:00:01",
        });
        var lab = await hub.Client.CreateLabAsync("OUTAGE");
        await hub.Client.CreateIntegrationAsync(lab, 57, _partner.Url("/emr"), new { maxConcurrency = 1, timeoutSeconds = 5 });

        // 20 deliveries accepted; one at a time at 200 ms each, most are still queued when the database stops.
        var accepted = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            accepted.AddRange((await hub.Client.RegisterPatientAsync(lab, $"OUT-{i}")).LogIds);
        }

        await HubApi.WaitUntilAsync(() => !received.IsEmpty, seconds: 60, what: "the first delivery");
        PostgreSqlTestServer.RunScript("stop-postgres.sh", _cluster);
        var deliveredBeforeOutage = received.Distinct().Count();

        // Down for 10 s: a business call and a read answer 503 problem details, promptly, never a 500.
        var down = Stopwatch.StartNew();
        var answers = new List<(HttpStatusCode Status, string? Type, TimeSpan Took)>();
        while (down.Elapsed < TimeSpan.FromSeconds(10))
        {
            foreach (var call in new Func<Task<HttpResponseMessage>>[]
            {
                () => hub.Client.PostAsync($"/api/labs/{lab}/patients", System.Net.Http.Json.JsonContent.Create(new { mrn = $"DOWN-{answers.Count}", firstName = "Asha", lastName = "Rao", dateOfBirth = "1985-04-02", sex = "F" })),
                () => hub.Client.GetAsync($"/api/logs?labId={lab}"),
            })
            {
                var took = Stopwatch.StartNew();
                using var response = await call().WaitAsync(TimeSpan.FromSeconds(60));
                answers.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType, took.Elapsed));
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    var problem = await response.ReadJsonAsync();
                    Assert.Contains("database is unavailable", problem["title"]!.GetValue<string>());
                    Assert.NotNull(response.Headers.RetryAfter);
                }
            }

            await Task.Delay(500);
        }

        PostgreSqlTestServer.RunScript("start-postgres.sh", _cluster);
        output.WriteLine($"{deliveredBeforeOutage} of {accepted.Count} delivered before the outage; {answers.Count} calls while down: " +
                         string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{(int)g.Key} x{g.Count()}")) + $", slowest {answers.Max(a => a.Took).TotalMilliseconds:F0} ms");
        Assert.True(deliveredBeforeOutage < accepted.Count, "the outage should come mid-run");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));
        Assert.All(answers, a => Assert.Equal("application/problem+json", a.Type));

        // Back: the workers resume and every delivery accepted before the outage reaches the partner.
        foreach (var id in accepted)
        {
            await hub.Client.WaitForStatusAsync(id, "Success", seconds: 180);
        }

        Assert.All(accepted, id => Assert.Contains(id, received));
        // And business calls are served again. (A connection of the pool that the restart cut is
        // found on its next use: such a call answers 503 and its repeat is served.)
        var afterwards = new List<HttpStatusCode>();
        await HubApi.WaitUntilAsync(async () =>
        {
            using var response = await hub.Client.PostAsync($"/api/labs/{lab}/patients", System.Net.Http.Json.JsonContent.Create(new { mrn = $"AFTER-{afterwards.Count}", firstName = "Asha", lastName = "Rao", dateOfBirth = "1985-04-02", sex = "F" }));
            afterwards.Add(response.StatusCode);
            return response.StatusCode == HttpStatusCode.Created;
        }, seconds: 60, what: "a business call to be served after the restart");
        output.WriteLine($"after the restart: {string.Join(", ", afterwards.Select(s => (int)s))}");
        Assert.All(afterwards, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
    }

    /// <summary>The hub on the test's own PostgreSQL cluster.</summary>
    private sealed class OwnCluster(string connectionString) : TestBackend
    {
        private readonly PostgreSqlTestBackend _faults = new();

        public override string Name => "PostgreSql";

        public override Task<IReadOnlyList<string>> PrepareServerAsync(string dataFolder) =>
            Task.FromResult(StorageArguments("PostgreSql", connectionString));

        public override IBackendFaults FaultsFor(string dataFolder) => _faults.FaultsFor(dataFolder);

        public override IntegrationHub.Storage.IIntegrationConfigStore StoredIntegrations(IServiceProvider services) => _faults.StoredIntegrations(services);

        public override void Release(string dataFolder, bool delete) => NpgsqlConnection.ClearAllPools();
    }
}
