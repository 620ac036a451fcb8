using IntegrationHub.Logging;
using IntegrationHub.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Xunit;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteHubDatabaseTests
{
    [Fact]
    public async Task A_schema_creation_that_failed_is_tried_again_on_the_next_use()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-contract-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "hub.db");
        Directory.CreateDirectory(file); // a folder where the database file should be: opening fails
        try
        {
            var database = new SqliteHubDatabase(Options.Create(new SqliteHubOptions { ConnectionString = $"Data Source={file}" }));
            await Assert.ThrowsAsync<SqliteException>(database.EnsureSchemaAsync);

            Directory.Delete(file);
            await database.EnsureSchemaAsync();
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM hub_queue";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Log_records_an_older_version_left_in_the_queue_land_in_the_log_store_at_start()
    {
        await using var db = SqliteTestDatabase.Create();
        var logs = new SqliteLogStore(db.Database, TimeProvider.System);
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var outbound = new IntegrationLog
        {
            Id = IntegrationLog.NewId(), LabId = 1, ActionId = 1, ActionName = "PatientRegistration", IntegrationId = 5,
            CreatedAt = started, State = new LogState { Status = LogStatus.Queued, UpdatedAt = started },
        };
        await logs.CreateAsync(outbound, CancellationToken.None);
        var attempt = new AttemptRecord { LogId = outbound.Id, Attempt = 1, Outcome = LogStatus.Success, StartedAt = started, DurationMs = 12 };
        var inbound = new IntegrationLog
        {
            Id = IntegrationLog.NewId(), Direction = LogDirection.Inbound, LabId = 1, ActionName = "Echo", CreatedAt = started,
            State = new LogState { Status = LogStatus.Success, Attempts = 1, UpdatedAt = started },
        };
        await using (var connection = await db.Database.OpenAsync(CancellationToken.None))
        {
            // As the version before the spool became the one second way wrote them: a task of kind LogRecord.
            foreach (var record in new[] { PendingLogRecord.Attempt(attempt), PendingLogRecord.Create(inbound) })
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO hub_queue (kind, integration_id, log_id, available_at, lease_ms, task)
                    VALUES ('LogRecord', 0, $log, 0, 60000, $task)
                    """;
                insert.Parameters.AddWithValue("$log", record.LogId);
                insert.Parameters.AddWithValue("$task", HubJson.Serialize(record));
                await insert.ExecuteNonQueryAsync();
            }
        }

        var again = new SqliteHubDatabase(Options.Create(new SqliteHubOptions { ConnectionString = $"Data Source={db.File}" }));
        await again.EnsureSchemaAsync();

        var reopened = new SqliteLogStore(again, TimeProvider.System);
        Assert.Equal(LogStatus.Success, (await reopened.GetAsync(outbound.Id, CancellationToken.None))?.State.Status);
        Assert.Equal(12, Assert.Single(await reopened.GetAttemptsAsync(outbound.Id, CancellationToken.None)).DurationMs);
        Assert.Equal("Echo", (await reopened.GetAsync(inbound.Id, CancellationToken.None))?.ActionName);
        Assert.Equal(0, await new SqliteDeliveryTransport(again, new QueueSignal(), Options.Create(new Queue.LeaseOptions()), TimeProvider.System).CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_database_made_before_error_signatures_gets_the_column_filled_for_its_failed_logs()
    {
        await using var db = SqliteTestDatabase.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(db.File)!);
        await using (var old = new SqliteConnection($"Data Source={db.File};Pooling=false"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            command.CommandText = HubLogBeforeErrorSignatures + """
                INSERT INTO hub_log (id, direction, lab_id, action_id, action_name, created_at, status, attempts, updated_at, http_status, error_class, error_message, doc, state)
                VALUES ('failed', 'Outbound', 1, 57, 'PatientRegistration', 0, 'Fail', 1, 0, 503, 'HttpStatus', 'Partner answered 503 after 1234 ms', '{}', '{}'),
                       ('sent', 'Outbound', 1, 57, 'PatientRegistration', 0, 'Success', 1, 0, 200, NULL, NULL, '{}', '{}');
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT id, error_signature FROM hub_log ORDER BY id";
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("failed", "HTTP 503: Partner answered 503 after # ms"), (reader.GetString(0), reader.GetString(1)));
        Assert.Equal(ErrorSignature.Of(new ErrorRecord(ErrorClass.HttpStatus, "Partner answered 503 after 1234 ms", 503), 503), reader.GetString(1));
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(1));

        // A second process opening the upgraded file finds nothing to do.
        var again = new SqliteHubDatabase(Options.Create(new SqliteHubOptions { ConnectionString = $"Data Source={db.File}" }));
        await again.EnsureSchemaAsync();
    }

    [Fact]
    public async Task A_database_made_before_security_stamps_gives_every_user_a_stamp_of_their_own()
    {
        await using var db = SqliteTestDatabase.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(db.File)!);
        await using (var old = new SqliteConnection($"Data Source={db.File};Pooling=false"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE hub_user (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    password_hash TEXT NOT NULL, role TEXT NOT NULL, labs TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
                INSERT INTO hub_user (user_name, password_hash, role, labs, created_at)
                VALUES ('admin', 'h1', 'Admin', '*', 0), ('nurse.joy', 'h2', 'Viewer', '1', 0);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = new SqliteAccessStore(db.Database);
        var stamps = (await store.ListUsersAsync(CancellationToken.None)).Select(u => u.SecurityStamp).ToList();
        Assert.Equal(2, stamps.Count);
        Assert.All(stamps, s => Assert.Matches("^[0-9a-f]{32}$", s));
        Assert.NotEqual(stamps[0], stamps[1]);
        Assert.Equal("h2", (await store.FindUserAsync("nurse.joy", CancellationToken.None))!.PasswordHash);
    }

    /// <summary>hub_log as the releases before error signatures created it.</summary>
    private const string HubLogBeforeErrorSignatures = """
        CREATE TABLE hub_log (
            id TEXT PRIMARY KEY, direction TEXT NOT NULL, lab_id INTEGER NOT NULL, action_id INTEGER NOT NULL,
            action_name TEXT NOT NULL, integration_id INTEGER, integration_name TEXT, vendor TEXT,
            patient_id INTEGER, bill_id INTEGER, sample_id INTEGER, report_id INTEGER, source TEXT,
            created_at INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            http_status INTEGER, error_class TEXT, error_message TEXT, duration_ms REAL,
            version INTEGER NOT NULL DEFAULT 0, doc TEXT NOT NULL, state TEXT NOT NULL);
        """;

    [Fact]
    public void An_unknown_synchronous_level_is_refused_at_start()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            new SqliteHubDatabase(Options.Create(new SqliteHubOptions { ConnectionString = "Data Source=x.db", Synchronous = "SOMETIMES" })));
        Assert.Contains("SOMETIMES", failure.Message);
    }
}
