using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// The notes of changed logs in the SQLite file: triggers on the log, attempt and acknowledgement
/// tables add a row to <c>hub_log_change</c> in the transaction of every change, while the feed is
/// enabled. Disabled, the triggers are dropped and any notes left are removed at start, so a file
/// whose logs went back to SQLite does not grow a table nobody reads.
/// </summary>
public sealed class SqliteLogChangeFeed(SqliteHubDatabase database, SqliteLogStore logs, IOptions<LogChangeFeedOptions> options) : ILogChangeFeed, IStorageInitializer
{
    // Milliseconds since the Unix epoch, on the database's clock.
    private const string Now = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    private const string Enable = $"""
        CREATE TABLE IF NOT EXISTS hub_log_change (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            log_id TEXT NOT NULL,
            noted_at INTEGER NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS hub_log_change_insert AFTER INSERT ON hub_log
        BEGIN INSERT INTO hub_log_change (log_id, noted_at) VALUES (NEW.id, {Now}); END;
        CREATE TRIGGER IF NOT EXISTS hub_log_change_update AFTER UPDATE ON hub_log
        BEGIN INSERT INTO hub_log_change (log_id, noted_at) VALUES (NEW.id, {Now}); END;
        CREATE TRIGGER IF NOT EXISTS hub_log_change_attempt AFTER INSERT ON hub_attempt
        BEGIN INSERT INTO hub_log_change (log_id, noted_at) VALUES (NEW.log_id, {Now}); END;
        CREATE TRIGGER IF NOT EXISTS hub_log_change_acknowledgement AFTER INSERT ON hub_acknowledgement
        BEGIN INSERT INTO hub_log_change (log_id, noted_at) VALUES (NEW.log_id, {Now}); END;
        """;

    private const string Disable = """
        DROP TRIGGER IF EXISTS hub_log_change_insert;
        DROP TRIGGER IF EXISTS hub_log_change_update;
        DROP TRIGGER IF EXISTS hub_log_change_attempt;
        DROP TRIGGER IF EXISTS hub_log_change_acknowledgement;
        DROP TABLE IF EXISTS hub_log_change;
        """;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.CreateCommand();
        command.CommandText = options.Value.Enabled ? Enable : Disable;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LogChangeBatch> ReadAsync(int max, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return LogChangeBatch.Empty;
        }

        var notes = new List<long>();
        var changed = new List<string>();
        long? oldest = null;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, log_id, noted_at FROM hub_log_change ORDER BY seq LIMIT $max";
            command.Parameters.AddWithValue("$max", max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                notes.Add(reader.GetInt64(0));
                changed.Add(reader.GetString(1));
                oldest ??= reader.GetInt64(2);
            }
        }

        if (notes.Count == 0)
        {
            return LogChangeBatch.Empty;
        }

        var snapshots = await LogSnapshot.ReadAsync(logs, changed, cancellationToken);
        return new LogChangeBatch(snapshots, notes, DateTimeOffset.FromUnixTimeMilliseconds(oldest!.Value));
    }

    /// <inheritdoc />
    public async Task CompleteAsync(LogChangeBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Notes.Count == 0)
        {
            return;
        }

        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.CreateCommand();
        command.CommandText = "DELETE FROM hub_log_change WHERE seq IN (SELECT value FROM json_each($notes))";
        command.Parameters.AddWithValue("$notes", "[" + string.Join(',', batch.Notes.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One process serves the file: its notes are never claimed, so there is nothing to give back.</remarks>
    public Task ReleaseAsync(LogChangeBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<long> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM hub_log_change";
        try
        {
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (SqliteException) when (!options.Value.Enabled)
        {
            return 0;
        }
    }
}
