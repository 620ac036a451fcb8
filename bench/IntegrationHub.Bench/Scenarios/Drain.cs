using System.Diagnostics;
using IntegrationHub.Actions;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>A backlog queued while the workers are stopped, drained once they start.</summary>
internal static class Drain
{
    /// <summary>Process CPU time per delivery of the last drain, from start to the last finish (ms).</summary>
    public static double LastCpuMsPerDelivery { get; private set; }

    /// <summary>Bytes allocated (all threads) per delivery of the last drain, from start to the last finish.</summary>
    public static double LastAllocatedBytesPerDelivery { get; private set; }

    /// <summary>What the last drain on PostgreSQL asked of the database, from start to the last finish; null after one on SQLite.</summary>
    public static PostgresCounters? LastPostgresCounters { get; private set; }

    /// <param name="signed">Sign every delivery (Standard Webhooks, one secret), as integrations created through the API do.</param>
    /// <param name="postgres">A PostgreSQL database to drain on instead of SQLite.</param>
    public static async Task<(double PerSecond, string Ledger)> RunAsync(BenchSink sink, int backlog, int workers, bool signed = false, string? postgres = null)
    {
        sink.Reset();
        await using var host = await ProductHost.CreateAsync(workers, start: false, postgres: postgres);
        var lab = await host.CreateLabAsync("DRAIN");
        await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/drain", i =>
        {
            if (signed)
            {
                i.Webhooks.SigningSecrets = [IntegrationHub.Webhooks.WebhookSignature.NewSecret()];
            }
        });
        await host.BulkAsync(lab, backlog, "D");
        await JitQuiet.WaitAsync();
        var counters = postgres is null ? null : PostgresCounters.Read(postgres);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        await host.StartAsync();
        var finished = await host.WaitFinishedAsync(backlog, TimeSpan.FromMinutes(10));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        LastPostgresCounters = postgres is null ? null : PostgresCounters.Read(postgres) - counters!;
        if (Environment.GetEnvironmentVariable("HUB_BENCH_MARK_DRAIN") is not null)
        {
            // CLOCK_MONOTONIC seconds, for `perf record -k mono` and `perf report --time`.
            Console.WriteLine($"drain window {started / (double)Stopwatch.Frequency:F6},{Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:F6}");
        }

        LastAllocatedBytesPerDelivery = (GC.GetTotalAllocatedBytes() - allocated) / (double)backlog;
        LastCpuMsPerDelivery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / backlog;
        return (backlog / seconds, finished ? host.Ledger(backlog, sink) : "VOID (timed out)");
    }
}
