using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// An attempt with everything it writes already serialised: made before the write gate is taken,
/// so the gate is held for SQL only. <see cref="Usual"/> is the log's state after the attempt when
/// the partner has said nothing yet (no acknowledgement, no reference), which is nearly always.
/// </summary>
internal sealed class PreparedAttempt
{
    public PreparedAttempt(AttemptRecord attempt, DateTimeOffset now)
    {
        Attempt = attempt;
        Now = now;
        Document = HubJson.Serialize(attempt);
        Usual = SqliteStateValues.Of(LogStateTransitions.After(attempt, now, acknowledgement: null, partnerReference: null), lastAttemptInRetryLog: true);
    }

    public AttemptRecord Attempt { get; }

    public DateTimeOffset Now { get; }

    public string Document { get; }

    public SqliteStateValues Usual { get; }
}

/// <summary>
/// Appends attempts and moves their logs' state inside one transaction, with the usual statements
/// prepared once on the connection (a group commit writes many attempts).
/// </summary>
internal sealed class SqliteAttemptWriter
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _usualUpdate;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public SqliteAttemptWriter(SqliteStatementCache statements, SqliteTransaction transaction)
    {
        (_connection, _transaction) = (statements.Connection, transaction);

        // Only for a log that exists; a second write of the same attempt changes nothing.
        _insert = statements.Get("""
            INSERT OR IGNORE INTO hub_attempt (log_id, attempt, started_at, doc)
            SELECT $id, $attempt, $started, $doc WHERE EXISTS (SELECT 1 FROM hub_log WHERE id = $id)
            """, transaction, "$id", "$attempt", "$started", "$doc");

        // The usual state holds only while the partner has said nothing about this log.
        _usualUpdate = statements.Get(
            SqliteLogRows.UpdateState + " WHERE id = $id AND attempts <= $attempts AND partner_reference IS NULL AND json_extract(state, '$.acknowledgement') IS NULL",
            transaction,
            ["$id", .. SqliteStateValues.Parameters]);
    }

    /// <summary>Writes the attempt; false when its log does not exist.</summary>
    public async Task<bool> WriteAsync(PreparedAttempt prepared, CancellationToken cancellationToken)
    {
        var attempt = prepared.Attempt;
        _insert.Parameters["$id"].Value = attempt.LogId;
        _insert.Parameters["$attempt"].Value = attempt.Attempt;
        _insert.Parameters["$started"].Value = SqliteTime.ToMs(attempt.StartedAt);
        _insert.Parameters["$doc"].Value = prepared.Document;
        if (await _insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            // Already recorded (writing it twice changes nothing), or no such log.
            return await LogExistsAsync(attempt.LogId, cancellationToken);
        }

        _usualUpdate.Parameters["$id"].Value = attempt.LogId;
        prepared.Usual.Bind(_usualUpdate);
        if (await _usualUpdate.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await UpdateKeepingWhatThePartnerSaidAsync(prepared, cancellationToken);
        }

        return true;
    }

    // The partner acknowledged or named a reference (or a later attempt is recorded already): read what it said and keep it.
    private async Task UpdateKeepingWhatThePartnerSaidAsync(PreparedAttempt prepared, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT json_extract(state, '$.acknowledgement'), partner_reference FROM hub_log WHERE id = $id", "$id");
        command.Parameters["$id"].Value = prepared.Attempt.LogId;
        PartnerAcknowledgement? acknowledgement;
        string? partnerReference;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return;
            }

            acknowledgement = reader.IsDBNull(0) ? null : HubJson.Deserialize<PartnerAcknowledgement>(reader.GetString(0));
            partnerReference = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        command.Parameters.Clear();
        command.CommandText = SqliteLogRows.UpdateState + " WHERE id = $id AND attempts <= $attempts";
        command.Parameters.AddWithValue("$id", prepared.Attempt.LogId);
        SqliteStateValues.Of(LogStateTransitions.After(prepared.Attempt, prepared.Now, acknowledgement, partnerReference), lastAttemptInRetryLog: true).Bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> LogExistsAsync(string logId, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT 1 FROM hub_log WHERE id = $id", "$id");
        command.Parameters["$id"].Value = logId;
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }
}
