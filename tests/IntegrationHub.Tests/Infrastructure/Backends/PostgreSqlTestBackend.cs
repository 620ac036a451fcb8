using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Contracts;
using IntegrationHub.Storage;
using IntegrationHub.Storage.PostgreSql;
using Npgsql;

namespace IntegrationHub.Tests.Infrastructure.Backends;

/// <summary>
/// The hub's and the lab's tables in one PostgreSQL database per data folder, on the test server
/// (<see cref="PostgreSqlTestServer"/>). The database's name is derived from the folder, so a server
/// started again on the same folder (a crash test) finds what the first one stored.
/// </summary>
public sealed class PostgreSqlTestBackend : TestBackend
{
    public override string Name => "PostgreSql";

    public override async Task<IReadOnlyList<string>> PrepareServerAsync(string dataFolder)
    {
        var name = DatabaseOf(dataFolder);
        await using var maintenance = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString);
        await maintenance.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", maintenance) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", maintenance);
            await create.ExecuteNonQueryAsync();
        }

        return StorageArguments("PostgreSql", ConnectionStringOf(dataFolder));
    }

    public override IBackendFaults FaultsFor(string dataFolder) => new Faults(ConnectionStringOf(dataFolder));

    public override IIntegrationConfigStore StoredIntegrations(IServiceProvider services) => services.GetRequiredService<PostgreSqlIntegrationConfigStore>();

    public override void Release(string dataFolder, bool delete)
    {
        NpgsqlConnection.ClearAllPools();
        if (!delete)
        {
            return;
        }

        using var maintenance = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString);
        maintenance.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseOf(dataFolder)} WITH (FORCE)", maintenance);
        drop.ExecuteNonQuery();
    }

    private static string DatabaseOf(string dataFolder) =>
        "hub_e2e_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataFolder))))[..24];

    private static string ConnectionStringOf(string dataFolder) =>
        new NpgsqlConnectionStringBuilder(PostgreSqlTestServer.ConnectionString) { Database = DatabaseOf(dataFolder) }.ConnectionString;

    private sealed class Faults(string connectionString) : IBackendFaults
    {
        public string LogStoreOfflineError => "hub_log";

        // A renamed table is an outage the server cannot tell from a real one: every statement on it fails.
        public Task<IAsyncDisposable> TakeLogStoreOfflineAsync() => TakeOfflineAsync("hub_log");

        public Task<IAsyncDisposable> TakeQueueOfflineAsync() => TakeOfflineAsync("hub_queue");

        // A table lock in a transaction of its own: the hub's inserts of patients wait on it.
        public async Task<IAsyncDisposable> HoldPatientWritesAsync()
        {
            var connection = await OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using (var hold = new NpgsqlCommand("LOCK TABLE lab_patients IN EXCLUSIVE MODE", connection, transaction))
            {
                await hold.ExecuteNonQueryAsync();
            }

            return new Restore(async () =>
            {
                await transaction.RollbackAsync();
                await connection.DisposeAsync();
            });
        }

        public async Task<IReadOnlyList<StoredTask>> ReadQueueAsync()
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand("SELECT log_id, task::text FROM hub_queue ORDER BY id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var tasks = new List<StoredTask>();
            while (await reader.ReadAsync())
            {
                tasks.Add(new StoredTask(reader.GetString(0), reader.GetString(1)));
            }

            return tasks;
        }

        // Every row of every table of the database, as text. (The server's write-ahead log and data
        // files are not read: they hold nothing the rows do not, since the hub never writes a secret in clear.)
        public async Task<byte[]> ReadEverythingStoredAsync()
        {
            await using var connection = await OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var text = new StringBuilder();
            foreach (var table in tables)
            {
                await using var rows = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
                await using var reader = await rows.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    text.AppendLine(reader.GetString(0));
                }
            }

            return Encoding.UTF8.GetBytes(text.ToString());
        }

        public Task RewriteAuditEntriesAsync() => ExecuteAsync("UPDATE hub_audit SET actor = 'nobody'");

        public Task DeleteAuditEntriesAsync() => ExecuteAsync("DELETE FROM hub_audit");

        public Task<int> ForgetIdempotentAnswersAsync() =>
            ExecuteAsync("""UPDATE lab_idempotency_keys SET "ResponseStatus" = NULL, "ResponseBody" = NULL, "ResponseLocation" = NULL""");

        public Task DropIdempotencyStoreAsync() => ExecuteAsync("""
            DROP TABLE lab_idempotency_keys; DROP TABLE lab_migrations_history;
            ALTER TABLE lab_patients DROP COLUMN "NameKey", DROP COLUMN "LastNameKey"; ALTER TABLE lab_reports DROP COLUMN "TitleKey";
            """);

        public async Task<long> CountIdempotencyIndexesAsync()
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.relname = 'lab_idempotency_keys' AND NOT i.indisprimary
                """, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        private async Task<IAsyncDisposable> TakeOfflineAsync(string table)
        {
            await ExecuteAsync($"ALTER TABLE {table} RENAME TO {table}_offline");
            return new Restore(() => ExecuteAsync($"ALTER TABLE {table}_offline RENAME TO {table}"));
        }

        private async Task<int> ExecuteAsync(string sql)
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteNonQueryAsync();
        }

        /// <summary>A connection of its own, as another client of the database would open.</summary>
        private async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
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
