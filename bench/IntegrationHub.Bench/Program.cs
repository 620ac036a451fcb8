using System.Globalization;
using System.Text;
using System.Text.Json;
using IntegrationHub.Actions;
using IntegrationHub.Bench;
using IntegrationHub.Bench.Baselines;
using IntegrationHub.Bench.Scenarios;
using IntegrationHub.Storage;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Child modes: the memory scenarios run the server in a process of their own.
if (args.Length == 4 && args[0] is "memory-child" or "pdf-child")
{
    var result = args[0] == "memory-child"
        ? await Memory.DeliveriesAsync(args[1], int.Parse(args[2]))
        : await Memory.PdfsAsync(args[1], int.Parse(args[2]), int.Parse(args[3]));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return 0;
}

// The scale-out scenario's worker processes.
if (args.Length == 4 && args[0] == "worker-child")
{
    await ScaleOut.RunWorkerChildAsync(args[1], args[2], int.Parse(args[3]));
    return 0;
}

// A focused mode for profiling PostgreSQL: one drain and the scale-out, on the durable cluster.
if (args.Length == 2 && args[0] == "postgres-drain")
{
    await using var pgSink = await BenchSink.StartAsync();
    var cluster = PostgresCluster.Start(RepositoryRoot());
    var database = cluster.NewDatabase();
    var drained = await Drain.RunAsync(pgSink, int.Parse(args[1]), 16, postgres: database);
    cluster.Drop(database);
    var asked = Drain.LastPostgresCounters!;
    Console.WriteLine($"drain {drained.PerSecond:F0}/s ({drained.Ledger}), {Drain.LastCpuMsPerDelivery:F2} ms CPU, {asked.Statements / (double)int.Parse(args[1]):F2} statements and {asked.Commits / (double)int.Parse(args[1]):F3} commits per delivery");
    var one = await ScaleOut.RunAsync(cluster, pgSink, 1, int.Parse(args[1]) / 3, 16);
    var three = await ScaleOut.RunAsync(cluster, pgSink, 3, int.Parse(args[1]) / 3, 16);
    Console.WriteLine($"scale-out at {ScaleOut.PartnerMs} ms: 1 process {one.PerSecond:F0}/s ({one.Ledger}), 3 processes {three.PerSecond:F0}/s ({three.Ledger}), {three.PerSecond / one.PerSecond:F2} x");
    return 0;
}

// The PostgreSQL section alone (it is also part of every run): its own ledger, docs/BENCHMARKS-POSTGRESQL.md in full mode.
if (args.Length >= 1 && args[0] == "postgres-only")
{
    var quickPg = args.Contains("--quick");
    await using var pgSink = await BenchSink.StartAsync();
    string pgPayload;
    await using (var probe = await ProductHost.CreateAsync(workers: 1, start: false))
    {
        var lab = await probe.CreateLabAsync("PROBE");
        await probe.AddIntegrationAsync(lab, ActionId.PatientRegistration, pgSink.Url + "/probe");
        var logId = (await probe.RegisterAsync(lab, "PROBE-1")).DeliveryLogIds[0];
        pgPayload = (await probe.App.Services.GetRequiredService<ILogReadModel>().GetAsync(logId, CancellationToken.None))!.Payload!.Text;
    }

    var section = await PostgresSection.RunAsync(RepositoryRoot(), pgSink, pgPayload, quickPg ? PostgresSection.Quick : PostgresSection.Full, t => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {t}"));
    var pgText = $"# Benchmarks: PostgreSQL\n\nRun {(quickPg ? "quick" : "full")} on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/IntegrationHub.Bench -- postgres-only{(quickPg ? " --quick" : "")}`, on {Environment.ProcessorCount} cores.\n\n" + section;
    var pgOut = quickPg ? Path.Combine(Path.GetTempPath(), "hub-bench-postgres-quick.md") : Path.Combine(RepositoryRoot(), "docs", "BENCHMARKS-POSTGRESQL.md");
    await File.WriteAllTextAsync(pgOut, pgText);
    Console.WriteLine(pgText);
    return pgText.Contains("VOID", StringComparison.Ordinal) ? 2 : 0;
}

// MongoDB logs on the jongodb test engine, beside the same run without: docs/BENCHMARKS-MONGODB.md in full mode.
if (args.Length >= 1 && args[0] == "mongo-only")
{
    var quickMongo = args.Contains("--quick");
    await using var mongoSink = await BenchSink.StartAsync();
    var mongoSection = await MongoSection.RunAsync(RepositoryRoot(), mongoSink, quickMongo ? MongoSection.Quick : MongoSection.Full, t => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {t}"));
    var mongoText = $"# Benchmarks: MongoDB logs\n\nRun {(quickMongo ? "quick" : "full")} on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/IntegrationHub.Bench -- mongo-only{(quickMongo ? " --quick" : "")}`, on {Environment.ProcessorCount} cores.\n\n" + mongoSection;
    await File.WriteAllTextAsync(quickMongo ? Path.Combine(Path.GetTempPath(), "hub-bench-mongo-quick.md") : Path.Combine(RepositoryRoot(), "docs", "BENCHMARKS-MONGODB.md"), mongoText);
    Console.WriteLine(mongoText);
    return mongoText.Contains("VOID", StringComparison.Ordinal) ? 2 : 0;
}

// A focused mode for the memory run alone: the child against a sink of this process.
// The dashboard's reads and the search box at 100 k and 1 M logs on SQLite and PostgreSQL (--quick: 10 k).
if (args.Length >= 1 && args[0] == "search-only")
{
    var quickSearch = args.Contains("--quick");
    var searchText = $"# Benchmarks: search\n\nRun {(quickSearch ? "quick" : "full")} on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/IntegrationHub.Bench -- search-only{(quickSearch ? " --quick" : "")}`, on {Environment.ProcessorCount} cores.\n\n"
        + await SearchSection.RunAsync(RepositoryRoot(), quickSearch ? [10_000] : [100_000, 1_000_000], quickSearch ? 20 : 100, t => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {t}"));
    await File.WriteAllTextAsync(quickSearch ? Path.Combine(Path.GetTempPath(), "hub-bench-search-quick.md") : Path.Combine(RepositoryRoot(), "docs", "BENCHMARKS-SEARCH.md"), searchText);
    Console.WriteLine(searchText);
    return 0;
}

if (args.Length == 2 && args[0] == "memory-only")
{
    await using var memorySink = await BenchSink.StartAsync();
    var alone = await Memory.InChildAsync("memory-child", memorySink.Url, int.Parse(args[1]), 0);
    Console.WriteLine($"idle {alone.IdleMb:F0} MB, peak {alone.PeakMb:F0} MB, {alone.DeliveriesPerSecond:F0}/s, {alone.Ledger}");
    return 0;
}

// A focused mode for profiling the drain: ours and Hangfire.InMemory interleaved, same sink, same run.
if (args.Length >= 3 && args[0] == "drain-only")
{
    await using var drainSink = await BenchSink.StartAsync();
    string drainPayload;
    await using (var probe = await ProductHost.CreateAsync(workers: 1, start: false))
    {
        var lab = await probe.CreateLabAsync("PROBE");
        await probe.AddIntegrationAsync(lab, ActionId.PatientRegistration, drainSink.Url + "/probe");
        var logId = (await probe.RegisterAsync(lab, "PROBE-1")).DeliveryLogIds[0];
        drainPayload = (await probe.App.Services.GetRequiredService<ILogReadModel>().GetAsync(logId, CancellationToken.None))!.Payload!.Text;
    }

    for (var r = 0; r < int.Parse(args[2]); r++)
    {
        var ours = await Drain.RunAsync(drainSink, int.Parse(args[1]), 16);
        if (args.Length > 3 && args[3] == "ours")
        {
            Console.WriteLine($"ours {ours.PerSecond:F0}/s ({ours.Ledger}), {Drain.LastCpuMsPerDelivery:F2} ms CPU, {Drain.LastAllocatedBytesPerDelivery / 1024:F1} KiB allocated per delivery");
            continue;
        }

        using var hangfire = new HangfireBaseline("InMemory");
        var theirs = await hangfire.DrainAsync(drainSink, int.Parse(args[1]), 16, drainPayload);
        Console.WriteLine($"ours {ours.PerSecond:F0}/s ({ours.Ledger}, {Drain.LastCpuMsPerDelivery:F2} ms CPU, {Drain.LastAllocatedBytesPerDelivery / 1024:F1} KiB allocated each)  hangfire-inmemory {theirs.PerSecond:F0}/s ({HangfireBaseline.LastCpuMsPerJob:F2} ms CPU, {HangfireBaseline.LastAllocatedBytesPerJob / 1024:F1} KiB allocated each)  ratio {ours.PerSecond / theirs.PerSecond:F2}");
    }

    return 0;
}

var plan = args.Contains("--quick") ? BenchPlan.Quick : BenchPlan.Full;
var outIndex = Array.IndexOf(args, "--out");
var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1]
    : plan == BenchPlan.Full ? Path.Combine(RepositoryRoot(), "docs", "BENCHMARKS.md") : Path.Combine(Path.GetTempPath(), "hub-bench-quick.md");
var c = plan.Concurrency;
void Say(string text) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

await using var sink = await BenchSink.StartAsync();
var md = new StringBuilder();

// The exact payload the product sends for one Patient Registration: the baselines send it too.
string payload;
await using (var probe = await ProductHost.CreateAsync(workers: 1, start: false))
{
    var lab = await probe.CreateLabAsync("PROBE");
    await probe.AddIntegrationAsync(lab, ActionId.PatientRegistration, sink.Url + "/probe");
    var logId = (await probe.RegisterAsync(lab, "PROBE-1")).DeliveryLogIds[0];
    var log = await probe.App.Services.GetRequiredService<IntegrationHub.Storage.ILogReadModel>().GetAsync(logId, CancellationToken.None);
    payload = log!.Payload!.Text;
}

Say($"plan {plan.Name}: payload {Encoding.UTF8.GetByteCount(payload)} B, concurrency {c}, {plan.Repetitions} repetitions");

async Task<List<double>> Repeat(Func<Task<double>> measure)
{
    var values = new List<double>();
    for (var r = 0; r < plan.Repetitions; r++)
    {
        values.Add(await measure());
    }

    return values;
}

// Baselines.
Say("B_http");
var bHttp = await Repeat(() => HttpBaseline.RequestsPerSecondAsync(sink, payload, c, plan.HttpRequests));
Say("B_commit");
var bCommit = await Repeat(() => Task.FromResult(CommitBaseline.CommitsPerSecond(plan.Commits, "NORMAL")));

// 1. End to end.
var e2e = new Dictionary<int, List<EndToEnd.Result>>();
foreach (var k in new[] { 1, 5 })
{
    Say($"end to end, {k} integration(s) per action");
    e2e[k] = [];
    for (var r = 0; r < plan.Repetitions; r++)
    {
        e2e[k].Add(await EndToEnd.RunAsync(sink, k, plan.EndToEndDeliveries, c));
    }
}

// 2. Trigger latency, and Hangfire's Enqueue on the same storage.
var trigger = new Dictionary<int, TriggerLatency.Result>();
foreach (var k in new[] { 1, 5, 20 })
{
    Say($"trigger latency, {k} integration(s)");
    trigger[k] = await TriggerLatency.RunAsync(sink, k, plan.TriggerCalls);
}

var enqueue = new Dictionary<string, List<double>>();
foreach (var storage in new[] { "SQLite", "InMemory" })
{
    Say($"Hangfire enqueue, {storage}");
    using var hangfire = new HangfireBaseline(storage);
    enqueue[storage] = hangfire.EnqueueLatencies(plan.TriggerCalls, payload);
}

// 3. Pick-up.
Say("pick-up latency");
var pickup = await Pickup.RunAsync(sink, plan.PickupSamples);

// 4. Drain. Ours and Hangfire.InMemory in pairs, one right after the other: on a shared machine
// their rates move with its load, so the ratio is taken within each pair.
Say("drain, paired with Hangfire.InMemory");
var drain = new List<(double PerSecond, string Ledger)>();
var hangfireDrain = new Dictionary<string, List<(double PerSecond, bool Balanced)>> { ["InMemory"] = [] };
var pairRatios = new List<double>();
for (var r = 0; r < plan.Repetitions; r++)
{
    drain.Add(await Drain.RunAsync(sink, plan.Backlog, c));
    using var inMemory = new HangfireBaseline("InMemory");
    hangfireDrain["InMemory"].Add(await inMemory.DrainAsync(sink, plan.Backlog, c, payload));
    pairRatios.Add(drain[^1].PerSecond / hangfireDrain["InMemory"][^1].PerSecond);
}

Say("drain, signed");
var signedDrain = new List<(double PerSecond, string Ledger)>();
for (var r = 0; r < plan.Repetitions; r++)
{
    signedDrain.Add(await Drain.RunAsync(sink, plan.Backlog, c, signed: true));
}

foreach (var storage in new[] { "SQLite" })
{
    Say($"Hangfire drain, {storage}");
    hangfireDrain[storage] = [];
    for (var r = 0; r < plan.Repetitions; r++)
    {
        using var hangfire = new HangfireBaseline(storage);
        hangfireDrain[storage].Add(await hangfire.DrainAsync(sink, plan.Backlog, c, payload));
    }
}

// 5. Dashboard queries.
var queries = new List<Queries.Result>();
foreach (var scale in plan.QueryScales)
{
    Say($"queries at {scale} logs");
    queries.Add(await Queries.RunAsync(scale, plan.QuerySamples));
}

// 7. Partner callbacks (run before the memory children, reported after them).
var callbacks = new List<Callbacks.Result>();
for (var r = 0; r < plan.Repetitions; r++)
{
    Say("partner callbacks");
    callbacks.Add(await Callbacks.RunAsync(sink, plan.Callbacks, c));
}

// 8. The rate limit at the partner, on fresh hubs (run before the memory children, reported last).
var rateLimits = new List<RateLimit.Result>();
foreach (var (rate, answerMs) in new[] { (0.0, 0), (10.0, 0), (10.0, 100) })
{
    Say($"rate limit {rate}/s, answers in {answerMs} ms");
    rateLimits.Add(await RateLimit.RunAsync(sink, plan.RateLimited, rate, answerMs, c));
}

// 6. Memory, in child processes.
Say("memory: deliveries");
sink.Reset();
var memory = await Memory.InChildAsync("memory-child", sink.Url, plan.MemoryDeliveries, 0);
Say("memory: large PDFs");
sink.Reset();
var pdfMemory = await Memory.InChildAsync("pdf-child", sink.Url, plan.PdfReports, plan.PdfMegabytes);

// Report.
var http = Stats.Median(bHttp);
var commit = Stats.Median(bCommit);
md.Append("# Benchmarks\n\n");
md.Append(CultureInfo.InvariantCulture, $"Run `{plan.Name}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/IntegrationHub.Bench{(plan == BenchPlan.Quick ? " -- --quick" : "")}`.\n\n");
md.Append(new MarkdownTable("setting", "value")
    .Row("machine", Machine.Describe())
    .Row(".NET", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription)
    .Row("SQLite", CommitBaseline.SqliteVersion() + " (Microsoft.Data.Sqlite), WAL, synchronous=NORMAL (the product default) for the product, B_commit and the Hangfire job's log")
    .Row("PostgreSQL", "not used (the PostgreSQL backend is not benchmarked yet)")
    .Row("concurrency C", $"{c} (HTTP baseline connections, product WorkerCount, Hangfire WorkerCount)")
    .Row("payload", $"{Encoding.UTF8.GetByteCount(payload)} B: the product's canonical Patient Registration JSON, sent as is by the baselines")
    .Row("repetitions", $"{plan.Repetitions}; figures are median (min-max) over repetitions, latencies are percentiles over all samples")
    .Row("Hangfire", "1.8.25, Hangfire.Storage.SQLite 0.4.3 (QueuePollInterval 50 ms), Hangfire.InMemory 1.0.0; job = POST to the same sink + insert the same log document into SQLite"));
md.Append("\n## Baselines (same run)\n\n");
md.Append(new MarkdownTable("baseline", "what", "result")
    .Row("B_http", $"raw HttpClient -> Kestrel loopback POST, C={c}, {plan.HttpRequests} requests", $"{Stats.Spread(bHttp)} req/s")
    .Row("B_commit", $"single-row SQLite commits, WAL + NORMAL, {plan.Commits} commits", $"{Stats.Spread(bCommit)} commits/s"));

md.Append("\n## 1. End-to-end deliveries\n\n");
md.Append(CultureInfo.InvariantCulture, $"Register patient (EF insert + trigger + commit, 4 concurrent producers) -> queue -> {c} workers -> dispatcher -> sink -> SUCCESS log; {plan.EndToEndDeliveries} deliveries per repetition. Commits and statements are counted by SQLite's commit hook and trace on every connection (business, hub and workers).\n\n");
var e2eTable = new MarkdownTable("integrations per action", "deliveries/s", "x B_http", "x B_commit", "commits/delivery", "statements/delivery", "ledger");
foreach (var (k, runs) in e2e)
{
    var rate = runs.Select(r => r.DeliveriesPerSecond).ToList();
    e2eTable.Row(k, Stats.Spread(rate), (Stats.Median(rate) / http).ToString("F2"), (Stats.Median(rate) / commit).ToString("F2"),
        Stats.Median(runs.Select(r => r.CommitsPerDelivery).ToList()).ToString("F2"), Stats.Median(runs.Select(r => r.StatementsPerDelivery).ToList()).ToString("F1"),
        string.Join(", ", runs.Select(r => r.Ledger).Distinct()));
}

md.Append(e2eTable);
md.Append("\n## 2. Trigger latency\n\n");
md.Append(CultureInfo.InvariantCulture, $"{plan.TriggerCalls} sequential calls each, workers stopped (as Hangfire's Enqueue is measured without a server). *raise* = the family's common function for an existing patient (load model, render, write QUEUED logs and tasks) and the commit; *register* = the whole business call (validate, insert the patient, raise, commit).\n\n");
var triggerTable = new MarkdownTable("call", "p50 ms", "p99 ms", "p50 / Hangfire SQLite Enqueue p50");
var hangfireP50 = Stats.Median(enqueue["SQLite"]);
foreach (var (k, result) in trigger)
{
    triggerTable.Row($"raise, {k} integration(s)", Stats.Median(result.RaiseMs).ToString("F3"), Stats.Percentile(result.RaiseMs, 99).ToString("F3"), (Stats.Median(result.RaiseMs) / hangfireP50).ToString("F2"));
    triggerTable.Row($"register, {k} integration(s)", Stats.Median(result.RegisterMs).ToString("F3"), Stats.Percentile(result.RegisterMs, 99).ToString("F3"), (Stats.Median(result.RegisterMs) / hangfireP50).ToString("F2"));
}

foreach (var (storage, latencies) in enqueue)
{
    triggerTable.Row($"Hangfire Enqueue ({storage}), no log written", Stats.Median(latencies).ToString("F3"), Stats.Percentile(latencies, 99).ToString("F3"), (Stats.Median(latencies) / hangfireP50).ToString("F2"));
}

md.Append(triggerTable);
md.Append("\n## 3. Pick-up latency\n\n");
md.Append(CultureInfo.InvariantCulture, $"Idle engine, {plan.PickupSamples} samples one at a time: business transaction committed (EF Core's TransactionCommitted) -> first byte at the sink. Baseline in the same run: B_http's mean request time at C={c} is {1000.0 * c / http:F2} ms.\n\n");
md.Append(new MarkdownTable("p50 ms", "p99 ms", "max ms").Row(Stats.Median(pickup).ToString("F2"), Stats.Percentile(pickup, 99).ToString("F2"), pickup.Max().ToString("F2")));

md.Append("\n## 4. Drain throughput\n\n");
md.Append(CultureInfo.InvariantCulture, $"A backlog of {plan.Backlog} deliveries queued while workers are stopped, then drained with {c} workers.\n\n");
var productDrain = drain.Select(d => d.PerSecond).ToList();
var signedRates = signedDrain.Select(d => d.PerSecond).ToList();
var drainTable = new MarkdownTable("engine", "deliveries/s", "product / this", "ledger")
    .Row("Integration Hub (SQLite)", Stats.Spread(productDrain), "1.00", string.Join(", ", drain.Select(d => d.Ledger).Distinct()))
    .Row("Integration Hub (SQLite), signed (Standard Webhooks, 1 secret)", Stats.Spread(signedRates), (Stats.Median(productDrain) / Stats.Median(signedRates)).ToString("F2"), string.Join(", ", signedDrain.Select(d => d.Ledger).Distinct()));
foreach (var (storage, runs) in hangfireDrain)
{
    var rates = runs.Select(r => r.PerSecond).ToList();
    drainTable.Row($"Hangfire ({storage})", Stats.Spread(rates), (Stats.Median(productDrain) / Stats.Median(rates)).ToString("F2"), runs.All(r => r.Balanced) ? "balanced" : "VOID");
}

md.Append(drainTable);
md.Append(CultureInfo.InvariantCulture, $"\nOurs / Hangfire.InMemory within each pair (run one right after the other): {string.Join(", ", pairRatios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))}.\n");
md.Append("\n## 5. Dashboard queries\n\n");
md.Append(CultureInfo.InvariantCulture, $"Synthetic logs over 30 days (20 integrations, 90 % success), read through HTTP: a filtered page (integration + status Fail + last 24 h, newest first, 50 rows) and the stats of the last 24 h; {plan.QuerySamples} samples each.\n\n");
var queryTable = new MarkdownTable("logs", "page p95 ms", "stats p95 ms", "fill s");
foreach (var q in queries)
{
    queryTable.Row(q.Logs.ToString("N0"), q.PageP95Ms.ToString("F2"), q.StatsP95Ms.ToString("F2"), q.FillSeconds.ToString("F1"));
}

md.Append(queryTable);
md.Append(CultureInfo.InvariantCulture, $"\nRatio largest/smallest: page {queries[^1].PageP95Ms / queries[0].PageP95Ms:F2}x, stats {queries[^1].StatsP95Ms / queries[0].StatsP95Ms:F2}x.\n");
md.Append(CultureInfo.InvariantCulture, $"\nRead model calls on the same data, on the store (no HTTP); {plan.QuerySamples} samples each. Failures carry varied messages that fall into {SyntheticFailures.Signatures} error signatures.\n\n");
var readModelTable = new MarkdownTable("logs", "call", "p50 ms", "p95 ms", "answer");
foreach (var q in queries)
{
    foreach (var call in q.ReadModel)
    {
        readModelTable.Row(q.Logs.ToString("N0"), call.Call, call.P50Ms.ToString("F2"), call.P95Ms.ToString("F2"), call.Answer);
    }
}

md.Append(readModelTable);

md.Append("\n## 6. Memory\n\n");
md.Append("The server in a child process (the sink and the baselines are in the parent). Baseline: the same process's RSS when started and idle.\n\n");
md.Append(new MarkdownTable("run", "idle RSS MB", "peak RSS MB", "largest queued task", "ledger")
    .Row($"{plan.MemoryDeliveries:N0} deliveries from bulk uploads of 1,000 ({memory.DeliveriesPerSecond:F0}/s)", memory.IdleMb.ToString("F0"), memory.PeakMb.ToString("F0"), "(not sampled)", memory.Ledger)
    .Row($"{plan.PdfReports} reports with {plan.PdfMegabytes} MB PDFs, signed with 2 secrets", pdfMemory.IdleMb.ToString("F0"), pdfMemory.PeakMb.ToString("F0"), $"{pdfMemory.MaxQueuedTaskBytes} B (PDF {pdfMemory.PdfBytes:N0} B)", pdfMemory.Ledger));

md.Append("\n## 7. Partner callbacks\n\n");
md.Append(CultureInfo.InvariantCulture, $"{plan.Callbacks} deliveries made first; then one signed Standard Webhooks callback per delivery (`acked`, naming its webhook-id) to `POST /api/webhooks/{{id}}` over HTTP, C={c}: signature checked on the raw bytes, body parsed, delivery matched, acknowledgement recorded on it, and the call logged as an inbound log. Baseline in the same run: B_http, a bare POST to a sink that does nothing.\n\n");
var callbackRates = callbacks.Select(r => r.PerSecond).ToList();
var callbackLatencies = callbacks.SelectMany(r => r.LatenciesMs).ToList();
md.Append(new MarkdownTable("callbacks/s", "x B_http", "p50 ms", "p99 ms", "ledger")
    .Row(Stats.Spread(callbackRates), (Stats.Median(callbackRates) / http).ToString("F2"), Stats.Median(callbackLatencies).ToString("F2"), Stats.Percentile(callbackLatencies, 99).ToString("F2"),
        string.Join(", ", callbacks.Select(r => r.Ledger).Distinct())));

md.Append("\n## 8. Rate limit at the partner\n\n");
md.Append(CultureInfo.InvariantCulture, $"{plan.RateLimited} deliveries from one bulk upload to one integration on a freshly started hub (C={c}), timed at the sink's first byte. The promise: at most N arrivals in any sliding second; a send holds its place until its answer is back, so a partner answering in L s gets at most N / (1 + L) a second. Baseline in the same run: the same deliveries with no limit.\n\n");
var rateTable = new MarkdownTable("case", "deliveries", "most in any 1 s", "arrivals/s", "ledger");
foreach (var r in rateLimits)
{
    rateTable.Row(r.Case, r.Deliveries, r.MostInOneSecond, r.PerSecond.ToString("F2"), r.Ledger);
}

md.Append(rateTable);

Say("postgres section");
var postgresSection = await PostgresSection.RunAsync(RepositoryRoot(), sink, payload, plan == BenchPlan.Quick ? PostgresSection.Quick : PostgresSection.Full, Say);
Say("mongodb section");
var mongoLogsSection = await MongoSection.RunAsync(RepositoryRoot(), sink, plan == BenchPlan.Quick ? MongoSection.Quick : MongoSection.Full, Say);

md.Append("\n## Goals\n\n");
var e2eOne = Stats.Median(e2e[1].Select(r => r.DeliveriesPerSecond).ToList());
var hangfireSqliteDrain = Stats.Median(hangfireDrain["SQLite"].Select(r => r.PerSecond).ToList());
string Met(bool ok) => ok ? "met" : "**not met**";
md.Append(new MarkdownTable("goal", "measured", "")
    .Row("deliveries/s >= 0.5 x B_http (1 integration)", $"{e2eOne / http:F3} x", Met(e2eOne >= 0.5 * http))
    .Row("<= 3 commits per delivery", Stats.Median(e2e[1].Select(r => r.CommitsPerDelivery).ToList()).ToString("F2"), Met(Stats.Median(e2e[1].Select(r => r.CommitsPerDelivery).ToList()) <= 3.005))
    .Row("trigger p50 <= 1 ms and <= Hangfire Enqueue p50 (SQLite)", $"raise {Stats.Median(trigger[1].RaiseMs):F3} ms vs {hangfireP50:F3} ms", Met(Stats.Median(trigger[1].RaiseMs) <= 1 && Stats.Median(trigger[1].RaiseMs) <= hangfireP50))
    .Row("pick-up p99 <= 20 ms", $"{Stats.Percentile(pickup, 99):F2} ms", Met(Stats.Percentile(pickup, 99) <= 20))
    .Row("drain >= 1 x Hangfire (InMemory), same workers, median of pairs", $"{Stats.Median(pairRatios):F2} x", Met(Stats.Median(pairRatios) >= 1))
    .Row("drain >= 5 x Hangfire (SQLite), same workers", $"{Stats.Median(productDrain) / hangfireSqliteDrain:F2} x", Met(Stats.Median(productDrain) >= 5 * hangfireSqliteDrain))
    .Row("page p95 <= 50 ms at the largest scale, <= 3x growth", $"{queries[^1].PageP95Ms:F2} ms, {queries[^1].PageP95Ms / queries[0].PageP95Ms:F2}x", Met(queries[^1].PageP95Ms <= 50 && queries[^1].PageP95Ms / queries[0].PageP95Ms <= 3))
    .Row("stats p95 <= 200 ms at the largest scale", $"{queries[^1].StatsP95Ms:F2} ms", Met(queries[^1].StatsP95Ms <= 200))
    .Row("peak RSS < 300 MB in the delivery run", $"{memory.PeakMb:F0} MB", Met(memory.PeakMb < 300))
    .Row("a 10/s integration: at most 10 arrivals in any second", string.Join(", ", rateLimits.Where(r => r.Case.StartsWith("10/s", StringComparison.Ordinal)).Select(r => r.MostInOneSecond)), Met(rateLimits.Where(r => r.Case.StartsWith("10/s", StringComparison.Ordinal)).All(r => r.MostInOneSecond <= 10))));

md.Append('\n').Append(postgresSection);
md.Append('\n').Append(mongoLogsSection);

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, md.ToString());
Console.WriteLine(md.ToString());
Say($"written to {output}");
var voids = md.ToString().Contains("VOID", StringComparison.Ordinal);
return voids ? 2 : 0;

// dotnet run starts in the project folder; the report belongs to the repository's docs/.
static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "IntegrationHub.slnx")))
        {
            return folder.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
