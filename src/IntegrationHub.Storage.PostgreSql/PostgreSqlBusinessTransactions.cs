using System.Data.Common;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// How a relational domain (the reference lab, through EF Core) writes to the hub's PostgreSQL
/// database: no write gate (PostgreSQL locks rows, not the file), its transaction becomes the
/// outbox's handle, and its commit reaches every process's workers by <c>NOTIFY</c>, this one's at once.
/// </summary>
public sealed class PostgreSqlBusinessTransactions(PostgreSqlHubDatabase database, PostgreSqlQueueSignal signal) : IBusinessTransactionSource<DbTransaction>
{
    private static readonly IAsyncDisposable NoGate = new Nothing();

    /// <inheritdoc />
    public ValueTask<IAsyncDisposable> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(NoGate);

    /// <inheritdoc />
    public IBusinessTransaction Join(DbTransaction transaction)
    {
        if (transaction is not NpgsqlTransaction { Connection: { } connection } npgsql)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL outbox writes only in an NpgsqlTransaction on the hub's database, not in a {transaction.GetType().Name}. " +
                "Put the business domain and the hub in the same PostgreSQL database (IntegrationHub:Storage:ConnectionString).");
        }

        if (!database.IsOn(connection))
        {
            throw new InvalidOperationException(
                "The business transaction is on another PostgreSQL database than the hub's; the outbox must commit with the change. " +
                "Give the domain the hub's connection string (IntegrationHub:Storage:ConnectionString).");
        }

        return new PostgreSqlBusinessTransaction(npgsql);
    }

    /// <inheritdoc />
    public void Committed(IBusinessTransaction transaction) => signal.Wake();

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The handle of a business transaction on the hub's PostgreSQL database.</summary>
/// <param name="Transaction">The domain's own transaction.</param>
internal sealed record PostgreSqlBusinessTransaction(NpgsqlTransaction Transaction) : IBusinessTransaction;
