using System.Data.Common;
using System.Diagnostics;
using System.Text;
using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Hosting;
using IntegrationHub.Lab.Services;
using IntegrationHub.Server;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Bench;

/// <summary>
/// The product as shipped (HubServer composition) in this process: embedded SQLite by default, with
/// SQLite counters attached, or a PostgreSQL database when one is given.
/// </summary>
internal sealed class ProductHost : IAsyncDisposable
{
    private ProductHost(WebApplication app, string folder, SqliteCounters counters, CommitClock clock, string? postgres)
    {
        App = app;
        Folder = folder;
        Counters = counters;
        Clock = clock;
        Postgres = postgres;
    }

    /// <summary>The PostgreSQL database the host stores in; null for SQLite.</summary>
    public string? Postgres { get; }

    public WebApplication App { get; }

    public string Folder { get; }

    public SqliteCounters Counters { get; }

    public CommitClock Clock { get; }

    /// <param name="countStatements">Attach the commit and statement counters (SQLite's trace hook costs CPU on every statement: only the scenario that reports the counts pays it).</param>
    /// <param name="postgres">A PostgreSQL database to store in instead of the data folder's SQLite file.</param>
    /// <param name="mongo">A MongoDB-wire engine to keep the logs in (<c>Logs:Provider=MongoDb</c>, a database of this host's own).</param>
    public static async Task<ProductHost> CreateAsync(int workers, bool start, bool countStatements = false, string? postgres = null, string? mongo = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var counters = new SqliteCounters();
        var clock = new CommitClock();
        var app = HubServer.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IntegrationHub:DataFolder"] = folder,
                ["IntegrationHub:WorkerCount"] = workers.ToString(),
                // Every scenario runs one lab: it may use every worker, as Hangfire's job does.
                ["IntegrationHub:MaxWorkersPerLab"] = workers.ToString(),
                ["IntegrationHub:Security:BootstrapApiKey"] = ApiKey,

                // The benchmark's partner sink listens on loopback, an internal destination.
                ["IntegrationHub:Destinations:Allow:0"] = "127.0.0.0/8",
                // The callback scenario sends thousands a second from one address, on purpose.
                ["IntegrationHub:Webhooks:PermitsPerMinute"] = "10000000",
            });
            if (postgres is not null)
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["IntegrationHub:Storage:Provider"] = "PostgreSql",
                    ["IntegrationHub:Storage:ConnectionString"] = postgres,
                });
            }

            if (mongo is not null)
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["IntegrationHub:Logs:Provider"] = "MongoDb",
                    ["IntegrationHub:Logs:ConnectionString"] = mongo,
                    ["IntegrationHub:Logs:Database"] = $"bench_{Guid.NewGuid():N}",
                    ["IntegrationHub:Logs:RelayPollMs"] = "10",
                });
            }

            if (countStatements)
            {
                builder.Services.PostConfigure<SqliteHubOptions>(o => o.ConnectionOpened = counters.Attach);
                builder.Services.ConfigureDbContext<LabDbContext>(o => o.AddInterceptors(new CountingInterceptor(counters), clock), ServiceLifetime.Singleton);
            }
            else
            {
                builder.Services.ConfigureDbContext<LabDbContext>(o => o.AddInterceptors(clock), ServiceLifetime.Singleton);
            }
        });
        await app.InitializeAsync();
        if (start)
        {
            await app.StartAsync();
        }

        return new ProductHost(app, folder, counters, clock, postgres);
    }

    /// <summary>The admin API key the benchmark's HTTP clients send.</summary>
    public const string ApiKey = "ihk_bench-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

    public Task StartAsync() => App.StartAsync();

    public string BaseUrl => App.Addresses()[0];

    public async Task<long> CreateLabAsync(string code)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LabService>().CreateAsync(new LabInput($"Bench {code}", code), CancellationToken.None)).Id;
    }

    public async Task<LabIntegration> AddIntegrationAsync(long lab, ActionId action, string url, Action<LabIntegration>? configure = null)
    {
        var integration = new LabIntegration { LabId = lab, ActionId = action, Name = $"bench-{Guid.NewGuid():N}"[..14], Vendor = "Bench", Url = url, MaxConcurrency = 64, MaxAttempts = 1 };
        configure?.Invoke(integration);
        return await App.Services.GetRequiredService<IIntegrationConfigStore>().CreateAsync(integration, CancellationToken.None);
    }

    public async Task<Changed<Patient>> RegisterAsync(long lab, string mrn)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PatientService>().RegisterAsync(lab, new PatientInput { Mrn = mrn, FirstName = "Bench", LastName = "Patient" }, "api", CancellationToken.None);
    }

    /// <summary>Registers <paramref name="count"/> patients through the bulk path, in chunks (one transaction each).</summary>
    public async Task BulkAsync(long lab, int count, string prefix)
    {
        // One upload holds at most the lab's row limit (one transaction each).
        var chunk = App.Services.GetRequiredService<IOptions<LabLimits>>().Value.MaxCsvRows;
        for (var start = 0; start < count; start += chunk)
        {
            var csv = new StringBuilder("mrn,firstName,lastName\n");
            for (var i = start; i < Math.Min(count, start + chunk); i++)
            {
                csv.Append(prefix).Append('-').Append(i).Append(",Bench,Patient\n");
            }

            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PatientService>().BulkRegisterAsync(lab, csv.ToString(), CancellationToken.None);
        }
    }

    public long Scalar(string sql)
    {
        if (Postgres is not null)
        {
            using var pg = new Npgsql.NpgsqlConnection(Postgres);
            pg.Open();
            using var query = new Npgsql.NpgsqlCommand(sql, pg);
            return Convert.ToInt64(query.ExecuteScalar());
        }

        // Pooled, like Hangfire's completion check: a fresh connection parses the whole schema first,
        // and the drain scenarios ask every 10 ms.
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "hub.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000";
        command.ExecuteNonQuery();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public long Finished() => Scalar("SELECT COUNT(*) FROM hub_log WHERE direction = 'Outbound' AND status IN ('Success', 'Fail')");

    /// <summary>Waits until <paramref name="expected"/> outbound logs have ended; false on timeout.</summary>
    public async Task<bool> WaitFinishedAsync(long expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        // A delivery's log ends in the same transaction that deletes its queue row: look at the
        // (small) queue first and count the (large) logs only once it is empty, so the harness
        // does not spend the drain's CPU reading log rows.
        while (Scalar("SELECT COUNT(1) FROM hub_queue") > 0 || Finished() < expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    /// <summary>Waits until the log relay has brought every change over to the document store; false on timeout.</summary>
    public async Task<bool> WaitProjectedAsync(TimeSpan timeout)
    {
        var feed = App.Services.GetRequiredService<ILogChangeFeed>();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (await feed.PendingAsync(CancellationToken.None) > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    /// <summary>Every trigger accounted for: SUCCESS + FAIL = expected, nothing queued, the sink saw each delivery id.</summary>
    public string Ledger(long expected, BenchSink sink)
    {
        var success = Scalar("SELECT COUNT(*) FROM hub_log WHERE direction = 'Outbound' AND status = 'Success'");
        var fail = Scalar("SELECT COUNT(*) FROM hub_log WHERE direction = 'Outbound' AND status = 'Fail'");
        var open = Scalar("SELECT COUNT(*) FROM hub_log WHERE direction = 'Outbound' AND status IN ('Queued', 'Retrying')");
        var balanced = success + fail == expected && open == 0 && sink.DistinctDeliveries == expected;
        return balanced ? "balanced" : $"VOID (success {success}, fail {fail}, open {open}, sink {sink.DistinctDeliveries}, expected {expected})";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        catch (InvalidOperationException)
        {
        }

        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("HUB_BENCH_KEEP_DATA") is not null)
        {
            Console.WriteLine($"data kept in {Folder}");
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class CountingInterceptor(SqliteCounters counters) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => counters.Attach((SqliteConnection)connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            counters.Attach((SqliteConnection)connection);
            return Task.CompletedTask;
        }
    }
}

/// <summary>When the business transaction last finished committing (for pick-up latency).</summary>
internal sealed class CommitClock : DbTransactionInterceptor
{
    private long _last;

    public long LastCommit => Interlocked.Read(ref _last);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _last, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Interlocked.Exchange(ref _last, Stopwatch.GetTimestamp());
}
