using System.Globalization;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Tests.Infrastructure.Backends;

/// <summary>
/// The default backend: the hub's and the lab's tables in one SQLite file, <c>hub.db</c> in the data
/// folder, where a server looks without being told. All the SQL of the end-to-end tests is here.
/// </summary>
public sealed class SqliteTestBackend : TestBackend
{
    public override string Name => "Sqlite";

    // The server's default connection string is Data Source={DataFolder}/hub.db: nothing to pass.
    public override Task<IReadOnlyList<string>> PrepareServerAsync(string dataFolder) => Task.FromResult<IReadOnlyList<string>>([]);

    public override IReadOnlyList<string> FilesInDataFolder => ["hub.db-wal", "hub.db-shm"];

    public override IBackendFaults FaultsFor(string dataFolder) => new Faults(Path.Combine(dataFolder, "hub.db"));

    public override IIntegrationConfigStore StoredIntegrations(IServiceProvider services) => services.GetRequiredService<SqliteIntegrationConfigStore>();

    // The file goes with the data folder; only the pooled connections of the stopped server hold it open.
    public override void Release(string dataFolder, bool delete) => SqliteConnection.ClearAllPools();

    private sealed class Faults(string file) : IBackendFaults
    {
        public string LogStoreOfflineError => "hub_log";

        // A renamed table is an outage the server cannot tell from a real one: every statement on it fails.
        public Task<IAsyncDisposable> TakeLogStoreOfflineAsync() => TakeOfflineAsync("hub_log");

        public Task<IAsyncDisposable> TakeQueueOfflineAsync() => TakeOfflineAsync("hub_queue");

        // The file's write lock, taken as another process would: the hub's writers wait on it (busy_timeout).
        public async Task<IAsyncDisposable> HoldPatientWritesAsync()
        {
            var connection = await OpenAsync();
            await using (var begin = connection.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            return new Restore(async () =>
            {
                await using (var rollback = connection.CreateCommand())
                {
                    rollback.CommandText = "ROLLBACK";
                    await rollback.ExecuteNonQueryAsync();
                }

                await connection.DisposeAsync();
            });
        }

        public async Task<IReadOnlyList<StoredTask>> ReadQueueAsync()
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT log_id, task FROM hub_queue ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync();
            var tasks = new List<StoredTask>();
            while (await reader.ReadAsync())
            {
                tasks.Add(new StoredTask(reader.GetString(0), reader.GetString(1)));
            }

            return tasks;
        }

        public async Task<byte[]> ReadEverythingStoredAsync()
        {
            // What the write-ahead log can give back goes into the file first; the rest is read from the log itself.
            await ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            var bytes = new List<byte>();
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                bytes.AddRange(copy.ToArray());
            }

            return [.. bytes];
        }

        public Task RewriteAuditEntriesAsync() => ExecuteAsync("UPDATE hub_audit SET actor = 'nobody'");

        public Task DeleteAuditEntriesAsync() => ExecuteAsync("DELETE FROM hub_audit");

        public Task<int> ForgetIdempotentAnswersAsync() =>
            ExecuteAsync("UPDATE lab_idempotency_keys SET ResponseStatus = NULL, ResponseBody = NULL, ResponseLocation = NULL");

        public Task DropIdempotencyStoreAsync() => ExecuteAsync("""
            DROP TABLE lab_idempotency_keys; DROP TABLE lab_migrations_history;
            DROP INDEX IX_lab_patients_LabId_NameKey; DROP INDEX IX_lab_patients_LabId_LastNameKey; DROP INDEX IX_lab_reports_LabId_TitleKey;
            ALTER TABLE lab_patients DROP COLUMN NameKey; ALTER TABLE lab_patients DROP COLUMN LastNameKey; ALTER TABLE lab_reports DROP COLUMN TitleKey;
            """);

        // The index SQLite makes for the primary key has no sql; declared indexes have theirs.
        public async Task<long> CountIdempotencyIndexesAsync()
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lab_idempotency_keys' AND sql IS NOT NULL";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        private async Task<IAsyncDisposable> TakeOfflineAsync(string table)
        {
            await ExecuteAsync($"ALTER TABLE {table} RENAME TO {table}_offline");
            return new Restore(() => ExecuteAsync($"ALTER TABLE {table}_offline RENAME TO {table}"));
        }

        private async Task<int> ExecuteAsync(string sql)
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }

        /// <summary>A connection of its own to the file, as another process would open: unpooled, waiting out the server's writers.</summary>
        private async Task<SqliteConnection> OpenAsync()
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 10000";
            await pragma.ExecuteNonQueryAsync();
            return connection;
        }
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        private int _done;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                await restore();
            }
        }
    }
}
