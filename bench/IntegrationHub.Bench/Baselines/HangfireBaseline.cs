using System.Diagnostics;
using System.Text;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Bench.Baselines;

/// <summary>
/// Hangfire 1.8 running the same job as the hub: POST the same payload to the same sink, then write
/// the same kind of log document to SQLite (to PostgreSQL, on Hangfire.PostgreSql); same worker count.
/// </summary>
internal sealed class HangfireBaseline : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hub-bench", Guid.NewGuid().ToString("N"));

    /// <param name="storage"><c>SQLite</c>, <c>InMemory</c> or <c>PostgreSql</c>.</param>
    /// <param name="postgres">For <c>PostgreSql</c>: the database of Hangfire's tables and the job's log.</param>
    public HangfireBaseline(string storage, string? postgres = null)
    {
        Directory.CreateDirectory(_folder);
        StorageName = storage;
        if (storage == "PostgreSql")
        {
            // Its documented defaults, but for a poll as short as the SQLite baseline's.
            var options = new Hangfire.PostgreSql.PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(50), PrepareSchemaIfNecessary = true };
            Storage = new Hangfire.PostgreSql.PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(postgres!, options), options);
            HangfireJob.LogPostgres = postgres;
            using var pg = new Npgsql.NpgsqlConnection(postgres);
            pg.Open();
            using var create = new Npgsql.NpgsqlCommand("CREATE TABLE IF NOT EXISTS job_log (id text PRIMARY KEY, status text NOT NULL, doc jsonb NOT NULL)", pg);
            create.ExecuteNonQuery();
            return;
        }

        HangfireJob.LogPostgres = null;
        Storage = storage == "SQLite"
            ? new SQLiteStorage(Path.Combine(_folder, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(50) })
            : new InMemoryStorage();
        HangfireJob.LogConnectionString = $"Data Source={Path.Combine(_folder, "joblog.db")}";
        using var connection = new SqliteConnection(HangfireJob.LogConnectionString);
        connection.Open();
        using var setup = connection.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE job_log (id TEXT PRIMARY KEY, status TEXT NOT NULL, doc TEXT NOT NULL);";
        setup.ExecuteNonQuery();
    }

    public string StorageName { get; }

    /// <summary>Process CPU time per job of the last drain, from the server's start to the last job logged (ms).</summary>
    public static double LastCpuMsPerJob { get; private set; }

    /// <summary>Bytes allocated (all threads) per job of the last drain.</summary>
    public static double LastAllocatedBytesPerJob { get; private set; }

    public JobStorage Storage { get; }

    /// <summary>Enqueue latencies in ms, no server running.</summary>
    public List<double> EnqueueLatencies(int count, string payload)
    {
        var client = new BackgroundJobClient(Storage);
        var latencies = new List<double>(count);
        for (var i = 0; i < count + 50; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var started = Stopwatch.GetTimestamp();
            client.Enqueue(() => HangfireJob.DeliverAsync(id, payload));
            if (i >= 50)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return latencies;
    }

    /// <summary>Jobs per second to drain a backlog queued before the server starts.</summary>
    public async Task<(double PerSecond, bool Balanced)> DrainAsync(BenchSink sink, int backlog, int workers, string payload)
    {
        HangfireJob.SinkUrl = sink.Url + "/hangfire";
        var client = new BackgroundJobClient(Storage);
        for (var i = 0; i < backlog; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            client.Enqueue(() => HangfireJob.DeliverAsync(id, payload));
        }

        sink.Reset();
        await JitQuiet.WaitAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = workers, SchedulePollingInterval = TimeSpan.FromSeconds(1) }, Storage))
        {
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (LoggedJobs() < backlog && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        LastAllocatedBytesPerJob = (GC.GetTotalAllocatedBytes() - allocated) / (double)backlog;
        LastCpuMsPerJob = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / backlog;
        var logged = LoggedJobs();
        return (logged / elapsed, logged == backlog && sink.DistinctDeliveries == backlog);
    }

    private long LoggedJobs()
    {
        if (HangfireJob.LogPostgres is { } postgres)
        {
            using var pg = new Npgsql.NpgsqlConnection(postgres);
            pg.Open();
            using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM job_log", pg);
            return (long)count.ExecuteScalar()!;
        }

        using var connection = new SqliteConnection(HangfireJob.LogConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM job_log";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The job Hangfire runs: the same work the hub's dispatcher and outbound logger do for one delivery.</summary>
public static class HangfireJob
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    public static string SinkUrl { get; set; } = "";

    public static string LogConnectionString { get; set; } = "";

    /// <summary>When set, the job's log goes to this PostgreSQL database (JSONB), as the hub's does there.</summary>
    public static string? LogPostgres { get; set; }

    public static async Task DeliverAsync(string id, string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SinkUrl) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Job-Id", id);
        var started = Stopwatch.GetTimestamp();
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var doc = $$"""{"id":"{{id}}","status":{{(int)response.StatusCode}},"durationMs":{{Stopwatch.GetElapsedTime(started).TotalMilliseconds:F2}},"request":{{payload}},"response":{{body}}}""";
        if (LogPostgres is { } postgres)
        {
            await using var pg = new Npgsql.NpgsqlConnection(postgres);
            await pg.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand("INSERT INTO job_log (id, status, doc) VALUES ($1, $2, $3::jsonb)", pg);
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = response.IsSuccessStatusCode ? "Success" : "Fail" });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = doc });
            await insert.ExecuteNonQueryAsync();
            return;
        }

        await using var connection = new SqliteConnection(LogConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; INSERT INTO job_log (id, status, doc) VALUES ($id, $status, $doc)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$status", response.IsSuccessStatusCode ? "Success" : "Fail");
        command.Parameters.AddWithValue("$doc", doc);
        await command.ExecuteNonQueryAsync();
    }
}
