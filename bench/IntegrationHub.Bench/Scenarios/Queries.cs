using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>Dashboard reads at a given directory size: the page and stats through the HTTP API, the read model's newer calls on the store.</summary>
internal static class Queries
{
    public sealed record Result(int Logs, double PageP95Ms, double StatsP95Ms, double FillSeconds, IReadOnlyList<Latency> ReadModel);

    /// <summary>One read-model call's latency over the samples.</summary>
    public sealed record Latency(string Call, double P50Ms, double P95Ms, string Answer);

    /// <param name="postgres">A PostgreSQL database to fill and read instead of SQLite (ANALYZEd after the fill, as autovacuum would in time).</param>
    public static async Task<Result> RunAsync(int logs, int samples, string? postgres = null)
    {
        await using var host = await ProductHost.CreateAsync(workers: 4, start: false, postgres: postgres);
        var fill = Stopwatch.GetTimestamp();
        if (postgres is null)
        {
            FillSqlite(Path.Combine(host.Folder, "hub.db"), logs);
        }
        else
        {
            await FillPostgresAsync(postgres, logs);
        }

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

            // What the search box sends the store once the domain resolved an MRN to its patient: the patient's logs, or the text as a reference.
            await MeasureAsync("search: a patient (an MRN resolved) or the text as a reference, labs {1, 2, 3}", samples, async () =>
                Describe(await store.QueryAsync(new LogQuery { LabIds = [1, 2, 3], Search = new LogSearch { PatientIds = [42], Reference = "MRN-000042" } }, none))),
            await MeasureAsync("search: GET /api/logs?q=<a partner reference>", samples, async () =>
            {
                var answer = await client.GetAsync($"/api/logs?q={ReferenceOf(logs / 2)}");
                answer.EnsureSuccessStatusCode();
                return $"{System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["items"]!.AsArray().Count} logs";
            }),
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

    private static string Describe(LogPage page) => $"{page.Items.Count} logs";

    private static string Describe(IReadOnlyList<VolumePoint> points) =>
        $"{points.Count} points, {points.Sum(p => p.Total):N0} logs";

    /// <summary>One synthetic log's columns.</summary>
    private sealed record Row(string Id, long Lab, long Integration, long Patient, DateTimeOffset Created, string Status, int? Http, string? ErrorClass, string? Error, string? Signature, string Reference);

    /// <summary>The partner reference of the synthetic log at <paramref name="index"/> (each log has one).</summary>
    private static string ReferenceOf(int index) => $"P-{index:D8}";

    /// <summary>Synthetic logs over 30 days: 20 integrations, 3 labs, 90 % success, 8 % fail, 2 % retrying; failures from <see cref="SyntheticFailures"/>. The same rows on every backend.</summary>
    private static IEnumerable<Row> Rows(int logs)
    {
        var random = new Random(7);
        var failures = new Random(11); // its own sequence, so the logs' times, labs and statuses stay those of earlier runs
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < logs; i++)
        {
            var at = now.AddSeconds(-random.NextDouble() * 30 * 86_400);
            var roll = random.Next(100);
            var which = random.Next(1, 21);
            var patient = random.Next(1, Math.Max(2, logs / 5));
            var failure = roll < 90 ? null : SyntheticFailures.Next(failures);
            yield return new Row(
                Guid.CreateVersion7(at).ToString("N"), (which % 3) + 1, which, patient, at,
                roll < 90 ? "Success" : roll < 98 ? "Fail" : "Retrying",
                failure is null ? 200 : failure.HttpStatus, failure?.Class.ToString(), failure?.Message, failure?.Signature, ReferenceOf(i));
        }
    }

    private static void FillSqlite(string path, int logs)
    {
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
                source, created_at, status, attempts, updated_at, http_status, error_class, error_message, error_signature, duration_ms, version, doc, state, partner_reference)
            VALUES ($id, 'Outbound', $lab, 57, 'PatientRegistration', $integration, $name, 'Vendor', $patient,
                'api', $created, $status, 1, $created, $http, $errorClass, $error, $signature, 12.5, 1, '{}', '{}', $reference)
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
        var reference = insert.Parameters.Add("$reference", SqliteType.Text);
        foreach (var chunk in Rows(logs).Chunk(50_000))
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            foreach (var row in chunk)
            {
                id.Value = row.Id;
                lab.Value = row.Lab;
                integration.Value = row.Integration;
                name.Value = $"Integration {row.Integration}";
                patient.Value = row.Patient;
                created.Value = row.Created.ToUnixTimeMilliseconds();
                status.Value = row.Status;
                http.Value = (object?)row.Http ?? DBNull.Value;
                errorClass.Value = (object?)row.ErrorClass ?? DBNull.Value;
                error.Value = (object?)row.Error ?? DBNull.Value;
                signature.Value = (object?)row.Signature ?? DBNull.Value;
                reference.Value = row.Reference;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    // Binary COPY, through the roll-up's triggers like any insert, then ANALYZE.
    private static async Task FillPostgresAsync(string database, int logs)
    {
        // No command timeout: the COPY's completion and the ANALYZE of a million rows take minutes.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY hub_log (id, direction, lab_id, action_id, action_name, integration_id, integration_name, vendor, patient_id,
                source, created_at, status, attempts, updated_at, http_status, error_class, error_message, error_signature, duration_ms, version, doc, state, partner_reference)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var row in Rows(logs))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(row.Id, NpgsqlDbType.Text);
                await copy.WriteAsync("Outbound", NpgsqlDbType.Text);
                await copy.WriteAsync(row.Lab, NpgsqlDbType.Bigint);
                await copy.WriteAsync(57, NpgsqlDbType.Integer);
                await copy.WriteAsync("PatientRegistration", NpgsqlDbType.Text);
                await copy.WriteAsync(row.Integration, NpgsqlDbType.Bigint);
                await copy.WriteAsync($"Integration {row.Integration}", NpgsqlDbType.Text);
                await copy.WriteAsync("Vendor", NpgsqlDbType.Text);
                await copy.WriteAsync(row.Patient, NpgsqlDbType.Bigint);
                await copy.WriteAsync("api", NpgsqlDbType.Text);
                await copy.WriteAsync(row.Created.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.Status, NpgsqlDbType.Text);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.Created.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await WriteOrNullAsync(copy, row.Http, NpgsqlDbType.Integer);
                await WriteOrNullAsync(copy, row.ErrorClass, NpgsqlDbType.Text);
                await WriteOrNullAsync(copy, row.Error, NpgsqlDbType.Text);
                await WriteOrNullAsync(copy, row.Signature, NpgsqlDbType.Text);
                await copy.WriteAsync(12.5, NpgsqlDbType.Double);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync("{}", NpgsqlDbType.Jsonb);
                await copy.WriteAsync("{}", NpgsqlDbType.Jsonb);
                await copy.WriteAsync(row.Reference, NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE hub_log; ANALYZE hub_log_hourly", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }
}
