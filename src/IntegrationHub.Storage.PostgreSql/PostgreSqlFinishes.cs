using System.Globalization;
using IntegrationHub.Logging;
using IntegrationHub.Queue;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// Workers' finishes, group-committed: every finish waiting when a batch starts goes into one
/// transaction of one round trip (attempts, log states, completions, reschedules: a statement each,
/// over arrays) and one commit. A finish is serialised by its caller before it queues.
/// </summary>
internal sealed class PostgreSqlFinishes
{
    // The most finishes one transaction takes; a batch of them is a few hundred kilobytes of JSON.
    private const int MaxBatch = 256;

    // A batch that deadlocks with another process's (a roll-up row, a log an acknowledgement holds)
    // is rolled back by the server and written again: the other has committed by then.
    private const int Tries = 3;

    // The attempts, once each (a log's second write of an attempt changes nothing), and the usual
    // move of their logs' state: while the partner has said nothing of the log (no acknowledgement,
    // no reference) the state after an attempt is the attempt's alone, worked out before the batch.
    // The rows answered are attempts recorded whose log still needs the unusual move.
    private const string RecordAttempts = """
        WITH input AS (
            SELECT DISTINCT ON (log_id, attempt) * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::jsonb[],
                $5::text[], $6::int[], $7::timestamptz[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::float8[], $14::jsonb[])
                WITH ORDINALITY AS i(log_id, attempt, started_at, doc,
                    status, attempts, updated_at, http_status, error_class, error_message, error_signature, partner_reference, duration_ms, state, rank)
            ORDER BY log_id, attempt, rank),
        recorded AS (
            INSERT INTO hub_attempt (log_id, attempt, started_at, doc)
            SELECT log_id, attempt, started_at, doc FROM input i WHERE EXISTS (SELECT 1 FROM hub_log l WHERE l.id = i.log_id)
            ON CONFLICT DO NOTHING
            RETURNING log_id, attempt),
        moved AS (
            UPDATE hub_log l SET status = i.status, attempts = i.attempts, updated_at = i.updated_at, http_status = i.http_status,
                error_class = i.error_class, error_message = i.error_message, error_signature = i.error_signature,
                partner_reference = i.partner_reference, duration_ms = i.duration_ms, state = i.state, version = l.version + 1
            FROM input i JOIN recorded r ON r.log_id = i.log_id AND r.attempt = i.attempt
            WHERE l.id = i.log_id AND l.attempts <= i.attempts
              AND l.partner_reference IS NULL AND coalesce(l.state -> 'acknowledgement', 'null'::jsonb) = 'null'::jsonb
            RETURNING i.log_id, i.attempt)
        SELECT r.log_id, r.attempt FROM recorded r
        WHERE NOT EXISTS (SELECT 1 FROM moved m WHERE m.log_id = r.log_id AND m.attempt = r.attempt)
        """;

    // The tasks whose delivery ended, each only under the lease it was taken with.
    private const string CompleteTasks = """
        DELETE FROM hub_queue q USING unnest($1::bigint[], $2::text[]) AS done(id, token)
        WHERE q.id = done.id AND q.lease_token = done.token
        RETURNING q.id
        """;

    // The tasks that go on, each replaced by its next run (notifying the queue once, at the commit).
    private const string RescheduleTasks = """
        UPDATE hub_queue q SET task = next.task, available_at = next.due, lease_ms = $5, lease_token = NULL
        FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::timestamptz[]) AS next(id, token, task, due)
        WHERE q.id = next.id AND q.lease_token = next.token
        RETURNING q.id
        """;

    private readonly PostgreSqlHubDatabase _database;
    private readonly long _leaseMs;
    private readonly GroupCommit<PendingFinish, bool> _commit;

    public PostgreSqlFinishes(PostgreSqlHubDatabase database, long leaseMs)
    {
        (_database, _leaseMs) = (database, leaseMs);
        _commit = new GroupCommit<PendingFinish, bool>(WriteAsync, MaxBatch);
    }

    /// <summary>
    /// Records the attempt and completes the task (no <paramref name="next"/>) or replaces it;
    /// true when the lease was still this one. Completes once the finish's batch has committed.
    /// </summary>
    public Task<bool> FinishAsync(LeasedTask lease, AttemptRecord attempt, DispatchTask? next, DateTimeOffset? nextAt, DateTimeOffset now) =>
        _commit.WriteAsync(new PendingFinish(lease, attempt, now, next is null ? null : (PostgreSqlJson.ForJsonb(HubJson.Serialize(next)), nextAt!.Value)));

    private async Task<bool[]> WriteAsync(IReadOnlyList<PendingFinish> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(batch);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < Tries)
            {
                // Rolled back whole: write it again.
            }
        }
    }

    private async Task<bool[]> WriteOnceAsync(IReadOnlyList<PendingFinish> batch)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        await using var write = new NpgsqlBatch(connection, transaction);
        write.BatchCommands.Add(RecordAttemptsCommand(batch));
        var ended = batch.Where(f => f.Next is null).ToList();
        var goingOn = batch.Where(f => f.Next is not null).ToList();
        if (ended.Count > 0)
        {
            write.BatchCommands.Add(new NpgsqlBatchCommand(CompleteTasks)
                .WithArray(ended.Select(f => TaskId(f.Lease)).ToArray(), NpgsqlDbType.Bigint)
                .WithArray(ended.Select(f => f.Lease.LeaseToken).ToArray(), NpgsqlDbType.Text));
        }

        if (goingOn.Count > 0)
        {
            write.BatchCommands.Add(new NpgsqlBatchCommand(RescheduleTasks)
                .WithArray(goingOn.Select(f => TaskId(f.Lease)).ToArray(), NpgsqlDbType.Bigint)
                .WithArray(goingOn.Select(f => f.Lease.LeaseToken).ToArray(), NpgsqlDbType.Text)
                .WithArray(goingOn.Select(f => f.Next!.Value.Task).ToArray(), NpgsqlDbType.Jsonb)
                .WithArray(goingOn.Select(f => f.Next!.Value.At.ToUniversalTime()).ToArray(), NpgsqlDbType.TimestampTz)
                .WithValue(_leaseMs, NpgsqlDbType.Bigint));
        }

        var unusual = new List<(string LogId, int Attempt)>();
        var owned = new HashSet<long>();
        await using (var reader = await write.ExecuteReaderAsync(CancellationToken.None))
        {
            // First the attempts' answer, then each queue statement's: the tasks still under their lease.
            while (await reader.ReadAsync(CancellationToken.None))
            {
                unusual.Add((reader.GetString(0), reader.GetInt32(1)));
            }

            while (await reader.NextResultAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    owned.Add(reader.GetInt64(0));
                }
            }
        }

        // The partner said something of these logs already (or a later attempt is recorded): each
        // is moved on its own, keeping what was said. Rare: one more round trip for each.
        foreach (var (logId, attemptNumber) in unusual)
        {
            var pending = batch.First(f => f.Attempt.LogId == logId && f.Attempt.Attempt == attemptNumber);
            await PostgreSqlLogStore.MoveStateAfterAsync(connection, transaction, pending.Attempt, pending.Now, CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return [.. batch.Select(f => owned.Contains(TaskId(f.Lease)))];
    }

    private static NpgsqlBatchCommand RecordAttemptsCommand(IReadOnlyList<PendingFinish> batch)
    {
        var usual = batch.Select(f => f.Usual).ToList();
        return new NpgsqlBatchCommand(RecordAttempts)
            .WithArray(batch.Select(f => f.Attempt.LogId).ToArray(), NpgsqlDbType.Text)
            .WithArray(batch.Select(f => f.Attempt.Attempt).ToArray(), NpgsqlDbType.Integer)
            .WithArray(batch.Select(f => f.Attempt.StartedAt.ToUniversalTime()).ToArray(), NpgsqlDbType.TimestampTz)
            .WithArray(batch.Select(f => f.Document).ToArray(), NpgsqlDbType.Jsonb)
            .WithArray(usual.Select(s => s.Status.ToString()).ToArray(), NpgsqlDbType.Text)
            .WithArray(usual.Select(s => s.Attempts).ToArray(), NpgsqlDbType.Integer)
            .WithArray(usual.Select(s => s.UpdatedAt.ToUniversalTime()).ToArray(), NpgsqlDbType.TimestampTz)
            .WithArray(usual.Select(s => s.HttpStatus).ToArray(), NpgsqlDbType.Integer)
            .WithArray(usual.Select(s => s.ErrorClass?.ToString()).ToArray(), NpgsqlDbType.Text)
            .WithArray(usual.Select(s => s.ErrorMessage).ToArray(), NpgsqlDbType.Text)
            .WithArray(usual.Select(s => s.ErrorSignature).ToArray(), NpgsqlDbType.Text)
            .WithArray(usual.Select(s => s.PartnerReference).ToArray(), NpgsqlDbType.Text)
            .WithArray(usual.Select(s => s.DurationMs).ToArray(), NpgsqlDbType.Double)
            .WithArray(usual.Select(s => PostgreSqlJson.ForJsonb(s.State)).ToArray(), NpgsqlDbType.Jsonb);
    }

    private static long TaskId(LeasedTask lease) => long.Parse(lease.TaskId, CultureInfo.InvariantCulture);

    // A finish as it waits for its batch: the attempt's document and the usual state after it made
    // by the caller, so the batch's writer only binds.
    private sealed class PendingFinish(LeasedTask lease, AttemptRecord attempt, DateTimeOffset now, (string Task, DateTimeOffset At)? next)
    {
        public LeasedTask Lease { get; } = lease;

        public AttemptRecord Attempt { get; } = attempt;

        public DateTimeOffset Now { get; } = now;

        public (string Task, DateTimeOffset At)? Next { get; } = next;

        public string Document { get; } = PostgreSqlJson.ForJsonb(HubJson.Serialize(attempt));

        public LogStateColumns Usual { get; } = LogStateColumns.Of(LogStateTransitions.After(attempt, now, acknowledgement: null, partnerReference: null), lastAttemptInRetryLog: true);
    }
}
