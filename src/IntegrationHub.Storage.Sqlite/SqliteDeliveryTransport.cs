using System.Globalization;
using IntegrationHub.Hosting;
using IntegrationHub.Queue;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// The SQLite file as its own delivery transport: the outbox's <c>hub_queue</c> rows are the tasks.
/// A lease moves a task's <c>available_at</c> to the end of its lease, so "due" and "lease lapsed"
/// are one indexed condition, and a new lease token makes a late worker's acknowledgement a no-op.
/// A receive with nothing to take waits on the in-process <see cref="QueueSignal"/> (every commit
/// of work wakes it), the next due time, or the request's longest wait, whichever comes first.
/// </summary>
public sealed class SqliteDeliveryTransport(SqliteHubDatabase database, QueueSignal signal, IOptions<LeaseOptions> options, TimeProvider time) : IDeliveryTransport
{
    /// <inheritdoc />
    public async Task PublishAsync(DispatchTask task, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.CreateCommand();
        BindInsert(command, task, dueAt, options.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
        signal.Wake();
    }

    /// <summary>Prepares the insert of a task on any connection (the outbox uses the business transaction's).</summary>
    internal static void BindInsert(SqliteCommand command, DispatchTask task, DateTimeOffset availableAt, LeaseOptions options)
    {
        command.CommandText = """
            INSERT INTO hub_queue (kind, integration_id, log_id, available_at, lease_ms, task)
            VALUES ($kind, $integration, $log, $available, $leaseMs, $task)
            """;
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$kind", "Delivery");
        command.Parameters.AddWithValue("$integration", task.IntegrationId);
        command.Parameters.AddWithValue("$log", task.LogId);
        command.Parameters.AddWithValue("$available", SqliteTime.ToMs(availableAt));
        command.Parameters.AddWithValue("$leaseMs", LeaseMs(task, options));
        command.Parameters.AddWithValue("$task", HubJson.Serialize(task));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LeasedTask>> ReceiveAsync(ReceiveRequest request, CancellationToken cancellationToken) =>
        ReceiveLongPoll.ReceiveAsync(request, time, signal.NextAsync, now => LeaseAsync(now, request.Caps, request.DefaultCap, request.Max), NextDueAsync, cancellationToken);

    private async Task<IReadOnlyList<LeasedTask>> LeaseAsync(DateTimeOffset now, IReadOnlyDictionary<long, int> caps, int defaultCap, int max)
    {
        // Rank each integration's due tasks oldest first and keep the first <cap> of each (none of
        // an integration capped at 0). The inner LIMIT bounds the scan of a long backlog. The caps
        // travel as one JSON parameter, so the statement's text never changes and stays prepared.
        await using var write = await database.OpenForWriteAsync(CancellationToken.None);
        var command = write.Statements.Get(LeaseStatement, null, "$now", "$token", "$caps", "$defaultCap", "$max", "$scan");
        var token = Guid.NewGuid().ToString("N");
        command.Parameters["$now"].Value = SqliteTime.ToMs(now);
        command.Parameters["$token"].Value = token;
        command.Parameters["$caps"].Value = System.Text.Json.JsonSerializer.Serialize(caps.ToDictionary(c => c.Key.ToString(CultureInfo.InvariantCulture), c => c.Value));
        command.Parameters["$defaultCap"].Value = defaultCap;
        command.Parameters["$max"].Value = max;
        command.Parameters["$scan"].Value = Math.Max(max * 4, 64);
        var leases = new List<LeasedTask>();
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            leases.Add(new LeasedTask(
                reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                token,
                HubJson.Deserialize<DispatchTask>(reader.GetString(1)),
                SqliteTime.FromMs(reader.GetInt64(2)),
                reader.GetInt32(3)));
        }

        // RETURNING gives rows in no promised order: hand them out in queue order.
        return [.. leases.OrderBy(l => long.Parse(l.TaskId, CultureInfo.InvariantCulture))];
    }

    private const string LeaseStatement = """
        UPDATE hub_queue SET available_at = $now + lease_ms, lease_token = $token, times_leased = times_leased + 1
        WHERE id IN (
            SELECT id FROM (
                SELECT id, available_at, integration_id,
                    ROW_NUMBER() OVER (PARTITION BY integration_id ORDER BY available_at, id) AS rank
                FROM (SELECT id, available_at, integration_id FROM hub_queue
                      WHERE available_at <= $now AND IFNULL(json_extract($caps, '$."' || integration_id || '"'), 1) > 0
                      ORDER BY available_at, id LIMIT $scan))
            WHERE rank <= IFNULL(json_extract($caps, '$."' || integration_id || '"'), $defaultCap)
            ORDER BY available_at, id LIMIT $max)
        RETURNING id, task, available_at, times_leased
        """;

    /// <inheritdoc />
    public async Task<bool> AcknowledgeAsync(LeasedTask lease, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        return await new SqliteQueueFinisher(write.Statements, transaction: null).CompleteAsync(lease, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RetryAtAsync(LeasedTask lease, DispatchTask next, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var prepared = Prepare(next, dueAt, options.Value);
        bool moved;
        await using (var write = await database.OpenForWriteAsync(cancellationToken))
        {
            moved = await new SqliteQueueFinisher(write.Statements, transaction: null).RescheduleAsync(lease, prepared, cancellationToken);
        }

        signal.Wake();
        return moved;
    }

    /// <summary>Serialises a task's next run (done before the write gate is taken).</summary>
    internal static PreparedTask Prepare(DispatchTask next, DateTimeOffset availableAt, LeaseOptions options) =>
        new(HubJson.Serialize(next), SqliteTime.ToMs(availableAt), LeaseMs(next, options));

    // The earliest moment a task becomes takeable (due, or its lease lapses); null when the queue is empty.
    private async Task<DateTimeOffset?> NextDueAsync()
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(available_at) FROM hub_queue";
        return await command.ExecuteScalarAsync(CancellationToken.None) is long ms ? SqliteTime.FromMs(ms) : null;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM hub_queue";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static long LeaseMs(DispatchTask task, LeaseOptions options) => (long)options.LeaseFor(task.TimeoutSeconds).TotalMilliseconds;
}
