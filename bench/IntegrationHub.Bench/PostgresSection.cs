using System.Globalization;
using System.Text;
using IntegrationHub.Bench.Baselines;
using IntegrationHub.Bench.Scenarios;

namespace IntegrationHub.Bench;

/// <summary>
/// The PostgreSQL backend measured beside its baselines in the same run, on the benchmark's own
/// durable cluster: raw single-row commits at 1 and 8 connections, Hangfire 1.8 on
/// Hangfire.PostgreSql running the same job, the drain, trigger and pick-up latency, and the
/// scale-out from one worker process to three.
/// </summary>
internal static class PostgresSection
{
    public sealed record Sizes(int Repetitions, TimeSpan CommitTime, int Backlog, int HangfireBacklog, int TriggerCalls, int PickupSamples, int ScaleBacklog, int Workers, int QueryLogs, int QuerySamples, int EndToEndDeliveries);

    public static Sizes Quick { get; } = new(1, TimeSpan.FromSeconds(1), 300, 200, 30, 20, 200, 16, 10_000, 10, 200);

    public static Sizes Full { get; } = new(3, TimeSpan.FromSeconds(5), 10_000, 2_000, 500, 200, 3_000, 16, 1_000_000, 100, 3_000);

    public static async Task<string> RunAsync(string repositoryRoot, BenchSink sink, string payload, Sizes sizes, Action<string> say)
    {
        var cluster = PostgresCluster.Start(repositoryRoot);
        var md = new StringBuilder();
        md.Append("## PostgreSQL backend\n\n");
        md.Append(CultureInfo.InvariantCulture, $"The benchmark's own cluster (`scripts/start-postgres.sh` with `HUB_PG_DURABLE=1`, on this machine, a fresh database per scenario): {cluster.Describe()}. Every commit waits for its WAL flush.\n\n");

        async Task<T> InDatabase<T>(Func<string, Task<T>> run)
        {
            var database = cluster.NewDatabase();
            try
            {
                return await run(database);
            }
            finally
            {
                cluster.Drop(database);
            }
        }

        say("postgres: raw commits");
        var commits1 = await InDatabase(db => PostgresCommitBaseline.CommitsPerSecondAsync(db, 1, sizes.CommitTime));
        var commits8 = await InDatabase(db => PostgresCommitBaseline.CommitsPerSecondAsync(db, 8, sizes.CommitTime));

        var drains = new List<(double PerSecond, string Ledger)>();
        var perDelivery = new List<(double Statements, double Commits, double CpuMs)>();
        var hangfire = new List<(double PerSecond, bool Balanced)>();
        for (var r = 0; r < sizes.Repetitions; r++)
        {
            say($"postgres: drain {r + 1}/{sizes.Repetitions}");
            drains.Add(await InDatabase(db => Drain.RunAsync(sink, sizes.Backlog, sizes.Workers, postgres: db)));
            var asked = Drain.LastPostgresCounters!;
            perDelivery.Add((asked.Statements / (double)sizes.Backlog, asked.Commits / (double)sizes.Backlog, Drain.LastCpuMsPerDelivery));
            say($"postgres: Hangfire.PostgreSql drain {r + 1}/{sizes.Repetitions}");
            hangfire.Add(await InDatabase(async db =>
            {
                using var baseline = new HangfireBaseline("PostgreSql", db);
                return await baseline.DrainAsync(sink, sizes.HangfireBacklog, sizes.Workers, payload);
            }));
        }

        var endToEnd = new Dictionary<int, List<EndToEnd.Result>> { [1] = [], [5] = [] };
        for (var r = 0; r < sizes.Repetitions; r++)
        {
            foreach (var (k, results) in endToEnd)
            {
                say($"postgres: end to end, {k} integration(s) per action, {r + 1}/{sizes.Repetitions}");
                results.Add(await InDatabase(db => EndToEnd.RunAsync(sink, k, sizes.EndToEndDeliveries, sizes.Workers, postgres: db)));
            }
        }

        say("postgres: trigger latency");
        var trigger = await InDatabase(db => TriggerLatency.RunAsync(sink, 1, sizes.TriggerCalls, db));
        say("postgres: pick-up latency");
        var pickup = await InDatabase(db => Pickup.RunAsync(sink, sizes.PickupSamples, db));
        say("postgres: scale-out, 1 worker process");
        var one = await ScaleOut.RunAsync(cluster, sink, 1, sizes.ScaleBacklog, sizes.Workers);
        say("postgres: scale-out, 3 worker processes");
        var three = await ScaleOut.RunAsync(cluster, sink, 3, sizes.ScaleBacklog, sizes.Workers);
        say($"postgres: dashboard reads at {sizes.QueryLogs:N0} logs");
        var queries = await InDatabase(db => Queries.RunAsync(sizes.QueryLogs, sizes.QuerySamples, db));

        var drain = Stats.Median(drains.Select(d => d.PerSecond).ToList());
        var theirs = Stats.Median(hangfire.Select(h => h.PerSecond).ToList());
        md.Append("### Baselines (same run)\n\n");
        md.Append(new MarkdownTable("baseline", "what", "result")
            .Row("B_pg_commit (1)", $"autocommit INSERT of 512 bytes, one connection, {sizes.CommitTime.TotalSeconds:F0} s", $"{commits1:F0} commits/s")
            .Row("B_pg_commit (8)", $"the same on 8 connections at once", $"{commits8:F0} commits/s")
            .Row("Hangfire.PostgreSql 1.21.1", $"Hangfire 1.8, {sizes.Workers} workers, the same job (POST the payload, INSERT the log document as JSONB), backlog {sizes.HangfireBacklog}, Npgsql pool defaults", $"{Stats.Spread(hangfire.Select(h => h.PerSecond).ToList())} jobs/s ({(hangfire.All(h => h.Balanced) ? "balanced" : "VOID")})"));
        md.Append("\n### Drain and latency\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Drain: a backlog of {sizes.Backlog} queued while the workers are stopped, then drained by {sizes.Workers} workers in one process, median (min-max) of {sizes.Repetitions}. End to end: {sizes.EndToEndDeliveries} deliveries, register patient through the lab (EF Core insert + trigger + commit, 4 concurrent producers) -> queue -> {sizes.Workers} workers -> sink -> SUCCESS log. Trigger: {sizes.TriggerCalls} sequential calls, workers stopped. Pick-up: idle engine, {sizes.PickupSamples} samples, business commit -> first byte at the sink (woken by LISTEN/NOTIFY).\n\n");
        md.Append(new MarkdownTable("measure", "result", "ledger")
            .Row("drain deliveries/s", Stats.Spread(drains.Select(d => d.PerSecond).ToList()), string.Join(", ", drains.Select(d => d.Ledger).Distinct()))
            .Row("drain / Hangfire.PostgreSql", $"{drain / theirs:F2} x", "")
            .Row("drain / B_pg_commit (8)", $"{drain / commits8:F2} x", "")
            .Row("statements / commits per delivery (drain)", $"{Stats.Median(perDelivery.Select(p => p.Statements).ToList()):F2} / {Stats.Median(perDelivery.Select(p => p.Commits).ToList()):F3}", "pg_stat_statements, the harness's polls left out")
            .Row("hub process CPU ms per delivery (drain)", $"{Stats.Median(perDelivery.Select(p => p.CpuMs).ToList()):F2}", "both cores are shared with PostgreSQL and the sink")
            .Row("end to end deliveries/s, 1 integration per action", Stats.Spread(endToEnd[1].Select(e => e.DeliveriesPerSecond).ToList()), string.Join(", ", endToEnd[1].Select(e => e.Ledger).Distinct()))
            .Row("end to end deliveries/s, 5 integrations per action", Stats.Spread(endToEnd[5].Select(e => e.DeliveriesPerSecond).ToList()), string.Join(", ", endToEnd[5].Select(e => e.Ledger).Distinct()))
            .Row("end to end statements / commits per delivery, 1 / 5 integrations", $"{Stats.Median(endToEnd[1].Select(e => e.StatementsPerDelivery).ToList()):F2} / {Stats.Median(endToEnd[1].Select(e => e.CommitsPerDelivery).ToList()):F2}, {Stats.Median(endToEnd[5].Select(e => e.StatementsPerDelivery).ToList()):F2} / {Stats.Median(endToEnd[5].Select(e => e.CommitsPerDelivery).ToList()):F2}", "the business transactions included")
            .Row("trigger raise p50 / p99 ms", $"{Stats.Median(trigger.RaiseMs):F2} / {Stats.Percentile(trigger.RaiseMs, 99):F2}", "")
            .Row("trigger register p50 / p99 ms", $"{Stats.Median(trigger.RegisterMs):F2} / {Stats.Percentile(trigger.RegisterMs, 99):F2}", "")
            .Row("pick-up p50 / p99 ms", $"{Stats.Median(pickup):F2} / {Stats.Percentile(pickup, 99):F2}", ""));
        md.Append("\n### Dashboard reads\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{queries.Logs:N0} synthetic logs over 30 days (the same rows as the SQLite section: 20 integrations, 3 labs, 90 % success), written by binary COPY through the roll-up triggers in {queries.FillSeconds:F0} s, then ANALYZEd. {sizes.QuerySamples} samples after 5 warm-up calls; the page and stats through the HTTP API, the rest on the read model.\n\n");
        var reads = new MarkdownTable("read", "p50 ms", "p95 ms", "answer")
            .Row("GET /api/logs (integration, Fail, 24 h, 50)", "", queries.PageP95Ms.ToString("F2", CultureInfo.InvariantCulture), "")
            .Row("GET /api/stats (24 h)", "", queries.StatsP95Ms.ToString("F2", CultureInfo.InvariantCulture), "");
        foreach (var call in queries.ReadModel)
        {
            reads.Row(call.Call, call.P50Ms.ToString("F2", CultureInfo.InvariantCulture), call.P95Ms.ToString("F2", CultureInfo.InvariantCulture), call.Answer);
        }

        md.Append(reads);
        md.Append("\n### Scale-out\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{sizes.ScaleBacklog} deliveries to a partner that answers in {ScaleOut.PartnerMs} ms, by worker processes of {sizes.Workers} workers each (child processes, `Role=Worker`), measured at the partner from the first arrival to the last. The ceiling of one process is {sizes.Workers} x 1000 / {ScaleOut.PartnerMs} = {sizes.Workers * 1000 / ScaleOut.PartnerMs}/s.\n\n");
        md.Append(new MarkdownTable("worker processes", "deliveries/s", "x one", "ledger")
            .Row(1, one.PerSecond.ToString("F0"), "1.00", one.Ledger)
            .Row(3, three.PerSecond.ToString("F0"), (three.PerSecond / one.PerSecond).ToString("F2"), three.Ledger));

        string Met(bool ok) => ok ? "met" : "**not met**";
        md.Append("\n### PostgreSQL goals\n\n");
        md.Append(new MarkdownTable("goal", "measured", "")
            .Row("drain >= 10 x Hangfire.PostgreSql", $"{drain / theirs:F2} x", Met(drain >= 10 * theirs))
            .Row("drain >= 0.5 x B_pg_commit (8)", $"{drain / commits8:F2} x", Met(drain >= 0.5 * commits8))
            .Row("3 worker processes >= 2.5 x one", $"{three.PerSecond / one.PerSecond:F2} x", Met(three.PerSecond >= 2.5 * one.PerSecond))
            .Row("pick-up p99 <= 20 ms", $"{Stats.Percentile(pickup, 99):F2} ms", Met(Stats.Percentile(pickup, 99) <= 20))
            .Row($"page p95 <= 50 ms at 1 M logs", $"{queries.PageP95Ms:F2} ms at {queries.Logs:N0} logs", queries.Logs >= 1_000_000 ? Met(queries.PageP95Ms <= 50) : "not measured at 1 M (quick run)"));
        return md.ToString();
    }
}
