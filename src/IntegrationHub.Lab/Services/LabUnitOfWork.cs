using System.Data.Common;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationHub.Lab.Services;

/// <summary>
/// One business change in one transaction: the domain rows, and the QUEUED logs and tasks its
/// events produce, commit together or not at all. The hub's storage backend takes part through its
/// <see cref="IBusinessTransactionSource{TNative}"/>: it may queue the change behind its own writers
/// (SQLite), makes the handle the outbox writes in, and learns of the commit (to start delivery).
/// </summary>
/// <param name="db">The lab database whose transaction carries the change.</param>
/// <param name="transactions">The storage backend's side of the business transaction.</param>
/// <param name="idempotency">The request's <c>Idempotency-Key</c>, spent inside the transaction when there is one.</param>
public sealed class LabUnitOfWork(LabDbContext db, IBusinessTransactionSource<DbTransaction> transactions, IdempotencyScope idempotency)
{
    private IBusinessTransaction? _current;

    /// <summary>The open business transaction's handle, for the trigger to write the outbox in.</summary>
    /// <exception cref="InvalidOperationException">No change is running (events are raised only inside <see cref="RunAsync{T}"/>).</exception>
    public IBusinessTransaction Current => _current
        ?? throw new InvalidOperationException("An integration event must be raised inside the business transaction (LabUnitOfWork).");

    /// <summary>Runs <paramref name="work"/> in a new transaction, saves and commits it.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_current is not null)
        {
            throw new InvalidOperationException("A business change is already running in this scope; changes do not nest.");
        }

        T result;
        IBusinessTransaction handle;
        await using (await transactions.EnterWriteAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            handle = _current = transactions.Join(transaction.GetDbTransaction());
            try
            {
                // First, so a key already spent stops the change before any of it is done.
                await idempotency.ClaimInTransactionAsync(cancellationToken);
                result = await work(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                _current = null;
            }
        }

        idempotency.OnCommitted();
        transactions.Committed(handle);
        return result;
    }
}
