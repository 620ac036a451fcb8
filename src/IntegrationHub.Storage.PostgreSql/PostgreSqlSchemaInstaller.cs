using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// Creates the hub's schema in an empty database and upgrades an older one in place, one
/// transaction for all, under a transaction-scoped advisory lock so that processes starting
/// together apply each migration once (no session lock survives a pooler or a dropped
/// connection). A database newer than this hub is refused with a message saying so.
/// </summary>
public sealed class PostgreSqlSchemaInstaller(PostgreSqlHubDatabase database) : IStorageInitializer
{
    // Any fixed number, the same in every hub process: the key of the installer's advisory lock.
    private const long InstallerLock = 0x4855_425f_5343_484d;

    // The first contact with the database: a failure names the server and the setting, in one line
    // (the start prints it and exits), never the password.
    private async Task<NpgsqlConnection> OpenOrExplainAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await database.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            var reason = e is PostgresException refused ? refused.MessageText : (e.InnerException ?? e).Message;
            throw new InvalidOperationException(
                $"PostgreSQL at {database.Describes} cannot be reached ({reason.TrimEnd('.')}): start it, or fix IntegrationHub:Storage:ConnectionString.");
        }
    }

    /// <summary>The schema version the database is at after <see cref="InitializeAsync"/>.</summary>
    public async Task<int> VersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT version FROM hub_schema_version", connection);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenOrExplainAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({InstallerLock})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS hub_schema_version (
                one boolean PRIMARY KEY DEFAULT true CHECK (one),
                version integer NOT NULL
            );
            INSERT INTO hub_schema_version (version) VALUES (0) ON CONFLICT DO NOTHING;
            """, cancellationToken);
        await using (var read = new NpgsqlCommand("SELECT version FROM hub_schema_version", connection, transaction))
        {
            var version = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
            if (version > PostgreSqlSchema.Latest)
            {
                throw new InvalidOperationException(
                    $"The hub schema in PostgreSQL at {database.Describes} is version {version}, newer than this hub's {PostgreSqlSchema.Latest}: " +
                    "run the newer hub, or point IntegrationHub:Storage:ConnectionString at another database.");
            }

            for (var next = version + 1; next <= PostgreSqlSchema.Latest; next++)
            {
                await ExecuteAsync(connection, transaction, PostgreSqlSchema.Migrations[next - 1], cancellationToken);
            }

            await ExecuteAsync(connection, transaction, $"UPDATE hub_schema_version SET version = {PostgreSqlSchema.Latest}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
