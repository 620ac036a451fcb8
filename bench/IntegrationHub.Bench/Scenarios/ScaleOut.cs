using System.Diagnostics;
using IntegrationHub.Actions;
using IntegrationHub.Server;
using Npgsql;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// Deliveries/s with K worker processes (child processes of this program running the hub's
/// composition with <c>Role=Worker</c>) on one PostgreSQL database, against a partner that answers
/// in 50 ms, so delivery is I/O-bound as it is in life. Measured at the partner, from the first
/// arrival to the last. The backlog is queued first and held (due in an hour), the workers are
/// started, and once every one is up the backlog is made due at once: what is measured is delivery,
/// not how fast the backlog can be queued or how fast the processes start.
/// </summary>
internal static class ScaleOut
{
    public const int PartnerMs = 50;

    public static async Task<(double PerSecond, string Ledger)> RunAsync(PostgresCluster cluster, BenchSink sink, int processes, int backlog, int workersPerProcess)
    {
        var database = cluster.NewDatabase();
        var children = new List<Process>();
        try
        {
            await using var host = await ProductHost.CreateAsync(workers: 1, start: false, postgres: database);
            var lab = await host.CreateLabAsync("SCALE");
            await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/scale", i => i.MaxConcurrency = 256);
            await host.BulkAsync(lab, backlog, "S");
            await ExecuteAsync(database, "UPDATE hub_queue SET available_at = now() + interval '1 hour'");
            children.AddRange(await Task.WhenAll(Enumerable.Range(0, processes).Select(_ => StartWorkerAsync(host.Folder, database, workersPerProcess))));

            sink.Reset();
            sink.DelayMs = PartnerMs;

            // Due now; the statement notifies the queue, as a retry given back does.
            await ExecuteAsync(database, "UPDATE hub_queue SET available_at = now()");
            var deadline = Stopwatch.GetTimestamp() + (10 * 60 * Stopwatch.Frequency);
            while (sink.DistinctDeliveries < backlog && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20);
            }

            var arrivals = sink.Arrivals();
            var seconds = (arrivals[^1] - arrivals[0]) / (double)Stopwatch.Frequency;
            var finished = await host.WaitFinishedAsync(backlog, TimeSpan.FromMinutes(2));
            return ((arrivals.Count - 1) / seconds, finished ? host.Ledger(backlog, sink) : "VOID (timed out)");
        }
        finally
        {
            foreach (var child in children)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
                child.Dispose();
            }

            sink.DelayMs = 0;
            cluster.Drop(database);
        }
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Process> StartWorkerAsync(string folder, string database, int workers)
    {
        var self = Environment.GetCommandLineArgs()[0];
        string[] arguments = ["worker-child", folder, database, workers.ToString()];
        var start = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal)
            ? new ProcessStartInfo(Environment.ProcessPath, [self, .. arguments])
            : new ProcessStartInfo(Environment.ProcessPath, arguments);
        start.RedirectStandardOutput = true;
        var child = Process.Start(start)!;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "READY")
            {
                // Keep reading, so a chatty child never blocks on a full pipe.
                _ = child.StandardOutput.ReadToEndAsync();
                return child;
            }
        }

        // Its output ended before READY: it is exiting (its error went to our stderr).
        await child.WaitForExitAsync();
        throw new InvalidOperationException($"a worker process exited before it was ready (exit {child.ExitCode})");
    }

    /// <summary>The child: the hub's composition as a worker process, until it is killed.</summary>
    public static async Task RunWorkerChildAsync(string folder, string database, int workers)
    {
        await using var app = HubServer.Build(
        [
            "--urls", "http://127.0.0.1:0", "--IntegrationHub:Role=Worker", $"--IntegrationHub:DataFolder={folder}",
            "--IntegrationHub:Storage:Provider=PostgreSql", $"--IntegrationHub:Storage:ConnectionString={database}",
            $"--IntegrationHub:WorkerCount={workers}", $"--IntegrationHub:MaxWorkersPerLab={workers}",
            "--IntegrationHub:Destinations:Allow:0=127.0.0.0/8", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.InitializeAsync();
        await app.StartAsync();
        Console.WriteLine("READY");
        await app.WaitForShutdownAsync();
    }
}
