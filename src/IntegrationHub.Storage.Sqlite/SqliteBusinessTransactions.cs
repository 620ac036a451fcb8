using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// How a relational domain (the reference lab, through EF Core) writes to the hub's SQLite file:
/// it queues behind the hub's writers on the in-process gate, its transaction becomes the outbox's
/// handle, and its commit wakes this process's workers.
/// </summary>
public sealed class SqliteBusinessTransactions(SqliteHubDatabase database, QueueSignal signal) : IBusinessTransactionSource<DbTransaction>
{
    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> EnterWriteAsync(CancellationToken cancellationToken) =>
        new GateExit(await database.WriteGate.EnterAsync(cancellationToken));

    /// <inheritdoc />
    public IBusinessTransaction Join(DbTransaction transaction)
    {
        if (transaction is not SqliteTransaction { Connection: { } connection } sqlite)
        {
            throw new InvalidOperationException(
                $"The SQLite outbox writes only in a SqliteTransaction on the hub's database file, not in a {transaction.GetType().Name}. " +
                "Put the business domain and the hub on the same SQLite file (IntegrationHub:Storage:ConnectionString).");
        }

        if (database.File is { } file && !string.Equals(Path.GetFullPath(connection.DataSource), file, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "The business transaction is on another SQLite file than the hub's; the outbox must commit with the change. " +
                "Give the domain the hub's connection string (IntegrationHub:Storage:ConnectionString).");
        }

        return new SqliteBusinessTransaction(sqlite);
    }

    /// <inheritdoc />
    public void Committed(IBusinessTransaction transaction)
    {
        if (transaction is SqliteBusinessTransaction { HasDeliveries: true })
        {
            signal.Wake();
        }
    }

    private sealed class GateExit(SingleWriterGate.Releaser releaser) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            releaser.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The handle of a business transaction on the hub's SQLite file.</summary>
/// <param name="Transaction">The domain's own transaction, on the hub's file.</param>
internal sealed record SqliteBusinessTransaction(SqliteTransaction Transaction) : IBusinessTransaction
{
    /// <summary>Whether the outbox wrote a task in it, so the commit has work to wake.</summary>
    public bool HasDeliveries { get; set; }
}
