using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Queue;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// The transactional outbox on SQLite: logs and tasks go into the same database file as the lab's
/// business tables, inside the business transaction, so they commit or roll back with it.
/// </summary>
public sealed class SqliteDeliveryOutbox(SqliteHubDatabase database, QueueSignal signal, IOptions<LeaseOptions> options, TimeProvider? time = null) : IDeliveryOutbox
{
    public async Task WriteAsync(IBusinessTransaction transaction, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (transaction is not SqliteBusinessTransaction business)
        {
            throw new InvalidOperationException(
                $"The SQLite outbox writes only in a business transaction joined through {nameof(SqliteBusinessTransactions)}, not in a {transaction.GetType().Name}.");
        }

        await WriteAsync(business.Transaction, deliveries, cancellationToken);
        business.HasDeliveries |= deliveries.Any(d => d.Task is not null);
    }

    private async Task WriteAsync(SqliteTransaction sqlite, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        var connection = sqlite.Connection!;
        await database.EnsureSchemaAsync();
        await using var logInsert = connection.CreateCommand();
        logInsert.Transaction = sqlite;
        logInsert.CommandText = SqliteLogRows.InsertLog;
        await using var taskInsert = connection.CreateCommand();
        taskInsert.Transaction = sqlite;
        foreach (var delivery in deliveries)
        {
            SqliteLogRows.BindLog(logInsert, delivery.Log);
            await logInsert.ExecuteNonQueryAsync(cancellationToken);
            if (delivery.Task is { } task)
            {
                SqliteDeliveryTransport.BindInsert(taskInsert, task, delivery.Log.CreatedAt, options.Value);
                await taskInsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task WriteAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        await using (var write = await database.OpenForWriteAsync(cancellationToken))
        {
            await using var transaction = (SqliteTransaction)await write.Connection.BeginTransactionAsync(cancellationToken);
            await WriteAsync(transaction, deliveries, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        signal.Wake();
    }

    public async Task<bool> RequeueAsync(string logId, long expectedVersion, LogState state, DispatchTask task, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await write.Connection.BeginTransactionAsync(cancellationToken);
        await using var command = write.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteLogRows.UpdateState + " WHERE id = $id AND version = $expected AND status IN ('Success', 'Fail')";
        command.Parameters.AddWithValue("$id", logId);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        SqliteLogRows.BindState(command, state);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        SqliteDeliveryTransport.BindInsert(command, task, state.UpdatedAt, options.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return true;
    }

    /// <summary>
    /// Group commit: finishes arriving while a batch is being written are written together in the
    /// next transaction, so under load many deliveries share one commit. Each finish is serialised
    /// by its caller before it queues, so the write gate is held for SQL only.
    /// </summary>
    public Task<bool> FinishAsync(LeasedTask lease, AttemptRecord attempt, DispatchTask? next, DateTimeOffset? nextAt, CancellationToken cancellationToken) =>
        Finishes.WriteAsync(new PendingFinish(
            lease,
            new PreparedAttempt(attempt, (time ?? TimeProvider.System).GetUtcNow()),
            next is null ? null : SqliteDeliveryTransport.Prepare(next, nextAt!.Value, options.Value)));

    private async Task<bool[]> WriteBatchAsync(IReadOnlyList<PendingFinish> batch)
    {
        var owned = new bool[batch.Count];
        await using (var write = await database.OpenForWriteAsync(CancellationToken.None))
        {
            await using var transaction = (SqliteTransaction)await write.Connection.BeginTransactionAsync();
            var attempts = new SqliteAttemptWriter(write.Statements, transaction);
            var queue = new SqliteQueueFinisher(write.Statements, transaction);
            for (var i = 0; i < batch.Count; i++)
            {
                var pending = batch[i];
                await attempts.WriteAsync(pending.Attempt, CancellationToken.None);
                owned[i] = pending.Next is { } next
                    ? await queue.RescheduleAsync(pending.Lease, next, CancellationToken.None)
                    : await queue.CompleteAsync(pending.Lease, CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        if (batch.Any(f => f.Next is not null))
        {
            signal.Wake();
        }

        return owned;
    }

    private GroupCommit<PendingFinish, bool>? _finishes;

    // Made on first use (a field initializer cannot name an instance method); a second one made in a race is never used.
    private GroupCommit<PendingFinish, bool> Finishes => LazyInitializer.EnsureInitialized(ref _finishes, () => new(WriteBatchAsync, maxBatch: 256));

    private sealed record PendingFinish(LeasedTask Lease, PreparedAttempt Attempt, PreparedTask? Next);
}
