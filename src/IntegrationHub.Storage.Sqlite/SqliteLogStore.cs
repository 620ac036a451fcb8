using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>The IntegrationDirectory and its retry log in the embedded SQLite file.</summary>
public sealed partial class SqliteLogStore(SqliteHubDatabase database, TimeProvider time) : ILogStore, ILogReadModel
{
    public async Task CreateAsync(IntegrationLog log, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await write.Connection.BeginTransactionAsync(cancellationToken);
        await CreateAsync(write.Connection, transaction, log, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Creates a log, unless one with its id exists, in the transaction given.</summary>
    internal static async Task CreateAsync(SqliteConnection connection, SqliteTransaction transaction, IntegrationLog log, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteLogRows.InsertLogIfAbsent;
        SqliteLogRows.BindLog(command, log);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1 && log.State.LastAttempt is { } attempt)
        {
            // A log created finished (an inbound call) has its one attempt in the retry log too, like any other.
            command.Parameters.Clear();
            command.CommandText = "INSERT OR IGNORE INTO hub_attempt (log_id, attempt, started_at, doc) VALUES ($id, $attempt, $started, $doc)";
            command.Parameters.AddWithValue("$id", log.Id);
            command.Parameters.AddWithValue("$attempt", attempt.Attempt);
            command.Parameters.AddWithValue("$started", SqliteTime.ToMs(attempt.StartedAt));
            command.Parameters.AddWithValue("$doc", HubJson.Serialize(attempt));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IntegrationLog?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The state keeps its last attempt without request and answer when the retry log has it whole.
        command.CommandText = """
            SELECT l.doc, l.state, l.version, a.doc FROM hub_log l
            LEFT JOIN hub_attempt a ON a.log_id = l.id AND a.attempt = l.attempts
            WHERE l.id = $id
            """;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var log = LogRow.Read(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        return reader.IsDBNull(3) || log.State.LastAttempt is null
            ? log
            : log with { State = log.State with { LastAttempt = HubJson.Deserialize<AttemptRecord>(reader.GetString(3)) } };
    }

    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string logId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM hub_attempt WHERE log_id = $id ORDER BY attempt";
        command.Parameters.AddWithValue("$id", logId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var attempts = new List<AttemptRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(HubJson.Deserialize<AttemptRecord>(reader.GetString(0)));
        }

        return attempts;
    }

    public async Task<bool> RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        var prepared = new PreparedAttempt(attempt, time.GetUtcNow());
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await write.Connection.BeginTransactionAsync(cancellationToken);
        var recorded = await new SqliteAttemptWriter(write.Statements, transaction).WriteAsync(prepared, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }
}
