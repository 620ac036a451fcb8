using System.Data.Common;
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
public sealed class SqliteDeliveryOutbox(SqliteHubDatabase database, QueueSignal signal, IOptions<HubOptions> options) : IDeliveryOutbox
{
    public async Task WriteAsync(DbTransaction transaction, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (transaction is not SqliteTransaction { Connection: { } connection } sqlite)
        {
            throw new InvalidOperationException(
                "The SQLite outbox needs the business change's SqliteTransaction on the hub's database file; " +
                $"got {transaction.GetType().Name}. Put the lab domain and the hub on the same SQLite file.");
        }

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
                SqliteDispatchQueue.BindInsert(taskInsert, task, delivery.Log.CreatedAt, options.Value);
                await taskInsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task<bool> RequeueAsync(string logId, long expectedVersion, LogState state, DispatchTask task, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteLogRows.UpdateState + " WHERE id = $id AND version = $expected AND status IN ('Success', 'Fail')";
        command.Parameters.AddWithValue("$id", logId);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        SqliteLogRows.BindState(command, state);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        SqliteDispatchQueue.BindInsert(command, task, state.UpdatedAt, options.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return true;
    }
}
