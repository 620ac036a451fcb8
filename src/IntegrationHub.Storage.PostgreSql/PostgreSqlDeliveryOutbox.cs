using IntegrationHub.Logging;
using IntegrationHub.Queue;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// The transactional outbox on PostgreSQL: a delivery's log and its task are written inside the
/// business transaction (the domain's own, on the same database), so they commit or roll back with
/// the change; a finish records the attempt, moves the log and completes or reschedules the task in
/// one transaction, the task checked by its lease token, group-committed with the finishes of every
/// other worker of the process (<see cref="PostgreSqlFinishes"/>).
/// </summary>
public sealed class PostgreSqlDeliveryOutbox(PostgreSqlHubDatabase database, PostgreSqlQueueSignal signal, IOptions<LeaseOptions> options, TimeProvider? time = null) : IDeliveryOutbox
{
    private readonly PostgreSqlFinishes _finishes = new(database, PostgreSqlDeliveryTransport.LeaseMs(options.Value));

    /// <inheritdoc />
    public async Task WriteAsync(IBusinessTransaction transaction, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (transaction is not PostgreSqlBusinessTransaction business)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL outbox writes only in a business transaction joined through {nameof(PostgreSqlBusinessTransactions)}, not in a {transaction.GetType().Name}.");
        }

        await WriteAsync(business.Transaction.Connection!, business.Transaction, deliveries, cancellationToken);
    }

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await WriteAsync(connection, transaction, deliveries, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        signal.Wake();
    }

    private async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
        {
            await PostgreSqlLogStore.InsertAsync(connection, transaction, delivery.Log, cancellationToken);
            if (delivery.Task is { } task)
            {
                await using var insert = new NpgsqlCommand(PostgreSqlDeliveryTransport.InsertTask, connection, transaction);
                await PostgreSqlDeliveryTransport.BindTask(insert, task, delivery.Log.CreatedAt, options.Value).ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> RequeueAsync(string logId, long expectedVersion, LogState state, DispatchTask task, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await PostgreSqlLogStore.RequeueStateAsync(connection, transaction, logId, expectedVersion, state, cancellationToken))
            {
                return false;
            }

            await using var insert = new NpgsqlCommand(PostgreSqlDeliveryTransport.InsertTask, connection, transaction);
            await PostgreSqlDeliveryTransport.BindTask(insert, task, state.UpdatedAt, options.Value).ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        signal.Wake();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> FinishAsync(LeasedTask lease, AttemptRecord attempt, DispatchTask? next, DateTimeOffset? nextAt, CancellationToken cancellationToken)
    {
        var owned = await _finishes.FinishAsync(lease, attempt, next, nextAt, (time ?? TimeProvider.System).GetUtcNow());
        if (next is not null)
        {
            signal.Wake();
        }

        return owned;
    }
}
