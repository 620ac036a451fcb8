using System.Diagnostics;
using System.Globalization;
using System.Text;
using IntegrationHub.Bench.Scenarios;

namespace IntegrationHub.Bench;

/// <summary>
/// Logs in a MongoDB-wire store, on the jongodb test engine (the only one that runs on these
/// machines), beside the same run without. jongodb keeps everything in memory and scans a whole
/// collection for every query and every unique check, so its figures say what the hub's relay and
/// reads cost on top of it at this size, not what MongoDB would do.
/// </summary>
internal static class MongoSection
{
    public sealed record Sizes(int Deliveries, int LagSamples, int ReadSamples);

    public static Sizes Quick { get; } = new(100, 20, 10);

    public static Sizes Full { get; } = new(1_000, 200, 100);

    public static async Task<string> RunAsync(string repositoryRoot, BenchSink sink, Sizes sizes, Action<string> say)
    {
        var engine = new Dictionary<string, string>
        {
            ["HUB_MONGO_PORT"] = Environment.GetEnvironmentVariable("HUB_BENCH_MONGO_PORT") ?? "27450",
            ["HUB_MONGO_DIR"] = "/tmp/hub-bench-jongodb",
        };

        // A fresh engine: empty, and nothing of an earlier run in its scans.
        Script(repositoryRoot, "stop-jongodb.sh", engine);
        var uri = Script(repositoryRoot, "start-jongodb.sh", engine);
        try
        {
            say($"mongodb: {sizes.Deliveries} deliveries without and with MongoDB logs, relay lag, reads");
            var result = await MongoLogs.RunAsync(sink, sizes.Deliveries, sizes.LagSamples, sizes.ReadSamples, uri);
            var md = new StringBuilder("## MongoDB logs (on the jongodb test engine)\n\n");
            md.Append("**The engine in this run is jongodb 0.1.6, an in-memory MongoDB-wire test engine, not MongoDB**: it scans a whole collection for every query and every unique-index check, so each write costs more as the collection grows (about 0.6 ms at 100 documents, 10 ms at 1,000). The figures show the hub's relay and reads on top of it at this size; they are not MongoDB's, and 100 k logs do not fit in a run on it.\n\n");
            md.Append(CultureInfo.InvariantCulture, $"End to end: {sizes.Deliveries} deliveries, register patient (4 concurrent producers) -> queue -> 16 workers -> sink, on SQLite; with MongoDB logs the run ends once every log is final and the relay has brought every change over. Lag: {sizes.LagSamples} patients registered one after another on a hub holding {sizes.Deliveries} logs, business commit -> the log is in the document store, where pages and statistics read it (`GET /api/logs/{{id}}` answers from the storage until then). Reads: {sizes.ReadSamples} samples after 5 warm-up calls, over {result.StoredLogs:N0} logs.\n\n");
            md.Append(new MarkdownTable("measure", "SQLite logs", "MongoDB logs (jongodb)", "")
                .Row("end to end deliveries/s", result.Without.DeliveriesPerSecond.ToString("F0", CultureInfo.InvariantCulture), result.With.DeliveriesPerSecond.ToString("F0", CultureInfo.InvariantCulture), $"{result.With.DeliveriesPerSecond / result.Without.DeliveriesPerSecond:F2} x; ledgers {result.Without.Ledger}, {result.With.Ledger}")
                .Row("relay lag p50 / p99 ms", "", $"{Stats.Median(result.LagMs):F1} / {Stats.Percentile(result.LagMs, 99):F1}", $"relay polls every 10 ms here (`Logs:RelayPollMs`, default 100)")
                .Row("page p95 ms (integration, Success, 24 h, 50)", result.PageP95Without.ToString("F2", CultureInfo.InvariantCulture), result.PageP95With.ToString("F2", CultureInfo.InvariantCulture), "")
                .Row("stats p95 ms (24 h)", result.StatsP95Without.ToString("F2", CultureInfo.InvariantCulture), result.StatsP95With.ToString("F2", CultureInfo.InvariantCulture), ""));
            return md.ToString();
        }
        finally
        {
            Script(repositoryRoot, "stop-jongodb.sh", engine);
        }
    }

    private static string Script(string repositoryRoot, string name, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(repositoryRoot, "scripts", name)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} failed: {errors}");
        }

        return output.Trim().Split('\n')[^1].Trim();
    }
}
