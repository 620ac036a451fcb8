using System.Globalization;
using IntegrationHub.Queue;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// PostgreSQL as its own delivery transport: the outbox's <c>hub_queue</c> rows are the tasks. A
/// receive leases a batch in one statement under a fresh lease token, receives of every process
/// taking turns on a transaction-scoped advisory lock (rows a finish holds are skipped); a receive
/// with nothing to take waits for <see cref="PostgreSqlQueueSignal"/>, the next due time, or the
/// request's longest wait, whichever comes first.
/// </summary>
public sealed class PostgreSqlDeliveryTransport(PostgreSqlHubDatabase database, PostgreSqlQueueSignal signal, IOptions<LeaseOptions> options, TimeProvider time) : IDeliveryTransport, ILeaseRenewal
{
    // The key of the receives' turn lock: any fixed number, the same in every hub process.
    private const long LeaseLock = 0x4855_425f_5155_4555;

    // When the last look left due work waiting for room in the cluster; null when it did not.
    private DateTimeOffset? _waitsForCluster;

    internal const string InsertTask = "INSERT INTO hub_queue (integration_id, log_id, available_at, lease_ms, task) VALUES ($1, $2, $3, $4, $5)";

    // Each integration's due tasks oldest first, the first <cap> of each (none of an integration
    // capped at 0); the inner LIMIT bounds the scan of a long backlog. Rows another receive holds
    // are skipped. The caps travel as one JSON parameter, so the text never changes. An
    // integration's concurrency holds for the cluster: its live leases, in every process, are
    // counted against its max_concurrency (a crashed process's leases lapse, and stop counting,
    // by themselves). A last row of nulls says that due work waits for room in the cluster.
    private const string LeaseStatement = """
        WITH due AS (
            SELECT id, integration_id, available_at FROM hub_queue
            WHERE available_at <= $1 AND coalesce(($3::jsonb ->> integration_id::text)::int, 1) > 0
            ORDER BY available_at, id LIMIT $6
            FOR UPDATE SKIP LOCKED),
        room AS (
            SELECT i.id AS integration_id, greatest(0, i.max_concurrency - (
                SELECT count(*) FROM hub_queue l
                WHERE l.integration_id = i.id AND l.lease_token IS NOT NULL AND l.available_at > $1)) AS room
            FROM hub_integration i
            WHERE i.max_concurrency > 0 AND i.id IN (SELECT integration_id FROM due)),
        chosen AS (
            SELECT ranked.id FROM (
                SELECT id, integration_id, available_at, row_number() OVER (PARTITION BY integration_id ORDER BY available_at, id) AS rank FROM due) ranked
            LEFT JOIN room r ON r.integration_id = ranked.integration_id
            WHERE ranked.rank <= least(coalesce(($3::jsonb ->> ranked.integration_id::text)::int, $4), coalesce(r.room, 2147483647))
            ORDER BY ranked.available_at, ranked.id LIMIT $5),
        leased AS (
            UPDATE hub_queue q SET available_at = $1 + q.lease_ms * interval '1 millisecond', lease_token = $2, times_leased = q.times_leased + 1
            FROM chosen WHERE q.id = chosen.id
            RETURNING q.id, q.task::text AS task, q.available_at, q.times_leased)
        SELECT id, task, available_at, times_leased FROM leased
        UNION ALL
        SELECT NULL, NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM room WHERE room = 0)
        """;

    /// <inheritdoc />
    public async Task PublishAsync(DispatchTask task, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(InsertTask);
        await BindTask(command, task, dueAt, options.Value).ExecuteNonQueryAsync(cancellationToken);
        signal.Wake();
    }

    /// <summary>Binds <see cref="InsertTask"/>'s parameters.</summary>
    internal static NpgsqlCommand BindTask(NpgsqlCommand command, DispatchTask task, DateTimeOffset availableAt, LeaseOptions options) =>
        command.WithBigint(task.IntegrationId).WithText(task.LogId).WithTime(availableAt)
            .WithBigint(LeaseMs(options)).WithJson(HubJson.Serialize(task));

    /// <inheritdoc />
    public Task<IReadOnlyList<LeasedTask>> ReceiveAsync(ReceiveRequest request, CancellationToken cancellationToken) =>
        ReceiveLongPoll.ReceiveAsync(request, time, signal.NextAsync, now => LeaseAsync(now, request), NextDueAsync, cancellationToken);

    private async Task<IReadOnlyList<LeasedTask>> LeaseAsync(DateTimeOffset now, ReceiveRequest request)
    {
        var token = Guid.NewGuid().ToString("N");
        var caps = HubJson.Serialize(request.Caps.ToDictionary(c => c.Key.ToString(CultureInfo.InvariantCulture), c => c.Value));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);

        // Receives take turns on the whole queue, across every process: a transaction-scoped lock,
        // released by the commit (or by the server when a connection dies), never held by a session.
        // Each receive then sees every due task, so a burst of receives shares the work out instead
        // of skipping rows a neighbour's scan holds, and per-integration limits can be counted exactly.
        // A lease need not survive a crash of the server (its task is then simply taken again, at
        // least once as ever), so its commit does not wait for the WAL flush: the turn is short. The
        // three statements go in one round trip, each with a snapshot of its own (the lease's taken
        // once the turn is ours).
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({LeaseLock})"));
        var lease = new NpgsqlBatchCommand(LeaseStatement);
        lease.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        lease.Parameters.Add(new NpgsqlParameter { Value = token, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        lease.Parameters.Add(new NpgsqlParameter { Value = caps, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        lease.Parameters.Add(new NpgsqlParameter { Value = request.DefaultCap, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        lease.Parameters.Add(new NpgsqlParameter { Value = request.Max, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        lease.Parameters.Add(new NpgsqlParameter { Value = Math.Max(request.Max * 4, 64), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        batch.BatchCommands.Add(lease);
        var leases = new List<LeasedTask>();
        var waitsForCluster = false;
        await using (var reader = await batch.ExecuteReaderAsync(CancellationToken.None))
        {
            // Past the setting's and the lock's one row each, to the lease's rows.
            await reader.NextResultAsync(CancellationToken.None);
            await reader.NextResultAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                if (reader.IsDBNull(0))
                {
                    waitsForCluster = true;
                    continue;
                }

                leases.Add(new LeasedTask(
                    reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                    token,
                    HubJson.Deserialize<DispatchTask>(reader.GetString(1)),
                    reader.GetFieldValue<DateTimeOffset>(2),
                    reader.GetInt32(3)));
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        _waitsForCluster = waitsForCluster ? now : null;

        // RETURNING gives rows in no promised order: hand them out in queue order.
        return [.. leases.OrderBy(l => long.Parse(l.TaskId, CultureInfo.InvariantCulture))];
    }

    /// <inheritdoc />
    public async Task<bool> AcknowledgeAsync(LeasedTask lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CompleteAsync(connection, lease, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RetryAtAsync(LeasedTask lease, DispatchTask next, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        bool moved;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            moved = await RescheduleAsync(connection, lease, next, dueAt, options.Value, cancellationToken);
        }

        signal.Wake();
        return moved;
    }

    /// <inheritdoc />
    public TimeSpan RenewEvery => options.Value.HeartbeatLease / 3;

    /// <inheritdoc />
    public async Task<int> RenewAsync(IReadOnlyCollection<LeasedTask> leases, CancellationToken cancellationToken)
    {
        if (leases.Count == 0)
        {
            return 0;
        }

        await using var command = database.CreateCommand("""
            UPDATE hub_queue q SET available_at = $3 + q.lease_ms * interval '1 millisecond'
            FROM unnest($1::bigint[], $2::text[]) AS held(id, token)
            WHERE q.id = held.id AND q.lease_token = held.token
            """);
        command.With(leases.Select(l => long.Parse(l.TaskId, CultureInfo.InvariantCulture)).ToArray(), NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint)
            .With(leases.Select(l => l.LeaseToken).ToArray(), NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
            .WithTime(time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Every lease is a heartbeat lease, renewed while its task is worked on (ILeaseRenewal).
    internal static long LeaseMs(LeaseOptions options) => (long)options.HeartbeatLease.TotalMilliseconds;

    /// <summary>Deletes the leased task; false when the lease is no longer this one.</summary>
    private static async Task<bool> CompleteAsync(NpgsqlConnection connection, LeasedTask lease, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM hub_queue WHERE id = $1 AND lease_token = $2", connection);
        return await command.WithBigint(long.Parse(lease.TaskId, CultureInfo.InvariantCulture)).WithText(lease.LeaseToken).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces the leased task by its next run; false when the lease is no longer this one.</summary>
    private static async Task<bool> RescheduleAsync(NpgsqlConnection connection, LeasedTask lease, DispatchTask next, DateTimeOffset dueAt, LeaseOptions options, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE hub_queue SET task = $3, available_at = $4, lease_ms = $5, lease_token = NULL
            WHERE id = $1 AND lease_token = $2
            """, connection);
        command.WithBigint(long.Parse(lease.TaskId, CultureInfo.InvariantCulture)).WithText(lease.LeaseToken).WithJson(HubJson.Serialize(next))
            .WithTime(dueAt).WithBigint(LeaseMs(options));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // The earliest moment a task becomes takeable (due, or its lease lapses); null when the queue is
    // empty. When due work waits for an integration's room in the cluster, soon: another process's
    // finish frees it and wakes no one here (finishes do not notify, to keep commits cheap).
    private async Task<DateTimeOffset?> NextDueAsync()
    {
        await using var command = database.CreateCommand("SELECT min(available_at) FROM hub_queue");
        DateTimeOffset? due = await command.ExecuteScalarAsync(CancellationToken.None) is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
        if (_waitsForCluster is { } since && since + database.Options.ClusterLimitPoll is var soon && (due is null || due <= since || soon < due))
        {
            return soon;
        }

        return due;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM hub_queue");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
