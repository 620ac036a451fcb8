using IntegrationHub.Logging;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// The IntegrationDirectory and its retry log: one row per log (its write-once document, its state
/// document and the searchable fields in indexed columns, the shape of <see cref="LogRow"/>), one
/// insert-only row per attempt, one per acknowledgement.
/// </summary>
public sealed partial class PostgreSqlLogStore(PostgreSqlHubDatabase database, TimeProvider time) : ILogStore, ILogReadModel
{
    // A new log; the outbox's insert fails on a repeated id, the store's (records that may arrive twice) keeps the first.
    private const string InsertLog = """
        INSERT INTO hub_log (id, direction, lab_id, action_id, action_name, integration_id, integration_name, vendor,
            patient_id, bill_id, sample_id, report_id, source, created_at, doc,
            status, attempts, updated_at, http_status, error_class, error_message, error_signature, partner_reference, duration_ms, state, caller)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
        """;

    private const string InsertLogIfAbsent = InsertLog + " ON CONFLICT (id) DO NOTHING";

    // An attempt, once: a second write of it changes nothing.
    private const string InsertAttempt = "INSERT INTO hub_attempt (log_id, attempt, started_at, doc) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";

    // The same, only for a log that exists.
    private const string InsertAttemptOfLog = """
        INSERT INTO hub_attempt (log_id, attempt, started_at, doc) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM hub_log WHERE id = $1)
        ON CONFLICT DO NOTHING
        """;

    // $1 the log's id, $2.. the state's columns; each use adds its guard.
    private const string UpdateState = """
        UPDATE hub_log SET status = $2, attempts = $3, updated_at = $4, http_status = $5, error_class = $6, error_message = $7,
            error_signature = $8, partner_reference = $9, duration_ms = $10, state = $11, version = version + 1
        WHERE id = $1
        """;

    // An attempt's state never replaces a later attempt's.
    private const string UpdateStateAfterAttempt = UpdateState + " AND attempts <= $3";

    // A manual retry moves only a finished log, and only the version it read ($12).
    private const string UpdateStateForRequeue = UpdateState + " AND version = $12 AND status IN ('Success', 'Fail')";

    /// <inheritdoc />
    public async Task CreateAsync(IntegrationLog log, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(InsertLogIfAbsent, connection, transaction);
        BindLog(command, log);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1 && log.State.LastAttempt is { } attempt)
        {
            // A log created finished (an inbound call) has its one attempt in the retry log too, like any other.
            await using var insert = new NpgsqlCommand(InsertAttempt, connection, transaction);
            await insert.WithText(log.Id).WithInteger(attempt.Attempt).WithTime(attempt.StartedAt).WithJson(HubJson.Serialize(attempt)).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IntegrationLog?> GetAsync(string id, CancellationToken cancellationToken)
    {
        // The state keeps its last attempt without request and answer when the retry log has it whole.
        await using var command = database.CreateCommand("""
            SELECT l.doc::text, l.state::text, l.version, a.doc::text FROM hub_log l
            LEFT JOIN hub_attempt a ON a.log_id = l.id AND a.attempt = l.attempts
            WHERE l.id = $1
            """).WithText(id);
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

    /// <inheritdoc />
    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string logId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT doc::text FROM hub_attempt WHERE log_id = $1 ORDER BY attempt").WithText(logId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var attempts = new List<AttemptRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(HubJson.Deserialize<AttemptRecord>(reader.GetString(0)));
        }

        return attempts;
    }

    /// <inheritdoc />
    public async Task<bool> RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = await RecordAttemptAsync(connection, transaction, attempt, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    /// <summary>Appends the attempt and moves its log's state, in the transaction given; false when the log does not exist.</summary>
    internal static async Task<bool> RecordAttemptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AttemptRecord attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only for a log that exists; a second write of the same attempt changes nothing.
        await using (var insert = new NpgsqlCommand(InsertAttemptOfLog, connection, transaction))
        {
            if (await insert.WithText(attempt.LogId).WithInteger(attempt.Attempt).WithTime(attempt.StartedAt).WithJson(HubJson.Serialize(attempt)).ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Already recorded, or no such log.
                await using var exists = new NpgsqlCommand("SELECT 1 FROM hub_log WHERE id = $1", connection, transaction);
                return await exists.WithText(attempt.LogId).ExecuteScalarAsync(cancellationToken) is not null;
            }
        }

        await MoveStateAfterAsync(connection, transaction, attempt, now, cancellationToken);
        return true;
    }

    /// <summary>
    /// Moves a log's state past a just recorded attempt, keeping what the partner said of it (an
    /// acknowledgement, a reference). The row is locked as it is read, so an acknowledgement
    /// recorded at the same time is seen, not lost; a later attempt's state is never replaced.
    /// </summary>
    internal static async Task MoveStateAfterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AttemptRecord attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? acknowledgement;
        string? partnerReference;
        await using (var read = new NpgsqlCommand("SELECT state->'acknowledgement', partner_reference FROM hub_log WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            await using var reader = await read.WithText(attempt.LogId).ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return;
            }

            acknowledgement = reader.IsDBNull(0) ? null : reader.GetString(0);
            partnerReference = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        var ack = acknowledgement is null or "null" ? null : HubJson.Deserialize<PartnerAcknowledgement>(acknowledgement);
        var state = LogStateTransitions.After(attempt, now, ack, partnerReference);
        await using var update = new NpgsqlCommand(UpdateStateAfterAttempt, connection, transaction);
        BindState(update.WithText(attempt.LogId), LogStateColumns.Of(state, lastAttemptInRetryLog: true));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts a new log (its id must be new), in the transaction given.</summary>
    internal static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IntegrationLog log, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertLog, connection, transaction);
        BindLog(command, log);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Moves a finished log's state back (a manual retry), if its version is still <paramref name="expectedVersion"/>.</summary>
    internal static async Task<bool> RequeueStateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string logId, long expectedVersion, LogState state, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(UpdateStateForRequeue, connection, transaction);
        BindState(command.WithText(logId), LogStateColumns.Of(state));
        return await command.WithBigint(expectedVersion).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void BindLog(NpgsqlCommand command, IntegrationLog log)
    {
        command.WithText(log.Id).WithText(log.Direction.ToString()).WithBigint(log.LabId).WithInteger(log.ActionId).WithText(log.ActionName)
            .WithBigint(log.IntegrationId).WithText(log.IntegrationName).WithText(log.Vendor)
            .WithBigint(log.Context.PatientId).WithBigint(log.Context.BillId).WithBigint(log.Context.SampleId).WithBigint(log.Context.ReportId)
            .WithText(log.Context.Source).WithTime(log.CreatedAt).WithJson(LogRow.DocumentOf(log));
        BindState(command, LogStateColumns.Of(log.State));
        command.WithText(log.Context.Caller);
    }

    private static void BindState(NpgsqlCommand command, LogStateColumns state) =>
        command.WithText(state.Status.ToString()).WithInteger(state.Attempts).WithTime(state.UpdatedAt).WithInteger(state.HttpStatus)
            .WithText(state.ErrorClass?.ToString()).WithText(state.ErrorMessage).WithText(state.ErrorSignature).WithText(state.PartnerReference)
            .WithDouble(state.DurationMs).WithJson(state.State);
}
