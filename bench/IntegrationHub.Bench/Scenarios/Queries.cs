using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>Dashboard reads at a given directory size: the page and stats through the HTTP API, the read model's newer calls on the store.</summary>
internal static class Queries
{
    public sealed record Result(int Logs, double PageP95Ms, double StatsP95Ms, double FillSeconds, IReadOnlyList<Latency> ReadModel);

    /// <summary>One read-model call's latency over the samples.</summary>
    public sealed record Latency(string Call, double P50Ms, double P95Ms, string Answer);

    public static async Task<Result> RunAsync(int logs, int samples)
    {
        await using var host = await ProductHost.CreateAsync(workers: 4, start: false);
        var fill = Stopwatch.GetTimestamp();
        Fill(Path.Combine(host.Folder, "hub.db"), logs);
        var fillSeconds = Stopwatch.GetElapsedTime(fill).TotalSeconds;
        await host.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ProductHost.ApiKey);
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-24).ToString("O", CultureInfo.InvariantCulture));
        var page = new List<double>();
        var stats = new List<double>();
        for (var i = -5; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var answer = await client.GetAsync($"/api/logs?integrationId={(i + 20) % 20 + 1}&status=Fail&from={from}&limit=50");
            answer.EnsureSuccessStatusCode();
            await answer.Content.ReadAsByteArrayAsync();
            var pageMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            var totals = await client.GetAsync($"/api/stats?from={from}");
            totals.EnsureSuccessStatusCode();
            await totals.Content.ReadAsByteArrayAsync();
            if (i >= 0)
            {
                page.Add(pageMs);
                stats.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var store = host.App.Services.GetRequiredService<ILogReadModel>();
        var now = DateTimeOffset.UtcNow;
        var none = CancellationToken.None;
        var readModel = new List<Latency>
        {
            await MeasureAsync("count: labs {1, 2}, Fail, last 24 h", samples, async () =>
                (await store.CountAsync(new LogQuery { LabIds = [1, 2], Status = LogStatus.Fail, From = now.AddHours(-24) }, none)).ToString("N0") + " logs"),
            await MeasureAsync("error signatures, last 24 h, top 20", samples, async () =>
                Describe(await store.GetErrorSignaturesAsync(null, now.AddHours(-24), now, 20, none))),
            await MeasureAsync("error signatures, last 7 d, top 20", samples, async () =>
                Describe(await store.GetErrorSignaturesAsync(null, now.AddDays(-7), now, 20, none))),
            await MeasureAsync("volume, last 24 h, hourly", samples, async () =>
                Describe(await store.GetVolumeAsync(null, now.AddHours(-24), now, TimeSpan.FromHours(1), none))),
            await MeasureAsync("volume, last 30 d, daily", samples, async () =>
                Describe(await store.GetVolumeAsync(null, now.AddDays(-30), now, TimeSpan.FromDays(1), none))),
        };
        return new Result(logs, Stats.Percentile(page, 95), Stats.Percentile(stats, 95), fillSeconds, readModel);
    }

    /// <summary>Latencies of <paramref name="call"/> after 5 warm-up calls; the answer of the last call, to show what was measured.</summary>
    private static async Task<Latency> MeasureAsync(string name, int samples, Func<Task<string>> call)
    {
        var latencies = new List<double>();
        var answer = "";
        for (var i = -5; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            answer = await call();
            if (i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return new Latency(name, Stats.Median(latencies), Stats.Percentile(latencies, 95), answer);
    }

    private static string Describe(IReadOnlyList<ErrorSignatureCount> counts) =>
        $"{counts.Count} signatures, {counts.Sum(c => c.Count):N0} failures";

    private static string Describe(IReadOnlyList<VolumePoint> points) =>
        $"{points.Count} points, {points.Sum(p => p.Total):N0} logs";

    /// <summary>Synthetic logs over 30 days: 20 integrations, 3 labs, 90 % success, 8 % fail, 2 % retrying; failures from <see cref="SyntheticFailures"/>.</summary>
    private static void Fill(string path, int logs)
    {
        var random = new Random(7);
        var failures = new Random(11); // its own sequence, so the logs' times, labs and statuses stay those of earlier runs
        var now = DateTimeOffset.UtcNow;
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            pragma.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO hub_log (id, direction, lab_id, action_id, action_name, integration_id, integration_name, vendor, patient_id,
                source, created_at, status, attempts, updated_at, http_status, error_class, error_message, error_signature, duration_ms, version, doc, state)
            VALUES ($id, 'Outbound', $lab, 57, 'PatientRegistration', $integration, $name, 'Vendor', $patient,
                'api', $created, $status, 1, $created, $http, $errorClass, $error, $signature, 12.5, 1, '{}', '{}')
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var lab = insert.Parameters.Add("$lab", SqliteType.Integer);
        var integration = insert.Parameters.Add("$integration", SqliteType.Integer);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var patient = insert.Parameters.Add("$patient", SqliteType.Integer);
        var created = insert.Parameters.Add("$created", SqliteType.Integer);
        var status = insert.Parameters.Add("$status", SqliteType.Text);
        var http = insert.Parameters.Add("$http", SqliteType.Integer);
        var errorClass = insert.Parameters.Add("$errorClass", SqliteType.Text);
        var error = insert.Parameters.Add("$error", SqliteType.Text);
        var signature = insert.Parameters.Add("$signature", SqliteType.Text);
        for (var start = 0; start < logs; start += 50_000)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = start; i < Math.Min(logs, start + 50_000); i++)
            {
                var at = now.AddSeconds(-random.NextDouble() * 30 * 86_400);
                var roll = random.Next(100);
                var which = random.Next(1, 21);
                id.Value = Guid.CreateVersion7(at).ToString("N");
                lab.Value = (which % 3) + 1;
                integration.Value = which;
                name.Value = $"Integration {which}";
                patient.Value = random.Next(1, Math.Max(2, logs / 5));
                created.Value = at.ToUnixTimeMilliseconds();
                status.Value = roll < 90 ? "Success" : roll < 98 ? "Fail" : "Retrying";
                var failure = roll < 90 ? null : SyntheticFailures.Next(failures);
                http.Value = failure is null ? 200 : (object?)failure.HttpStatus ?? DBNull.Value;
                errorClass.Value = (object?)failure?.Class.ToString() ?? DBNull.Value;
                error.Value = (object?)failure?.Message ?? DBNull.Value;
                signature.Value = (object?)failure?.Signature ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }
}
