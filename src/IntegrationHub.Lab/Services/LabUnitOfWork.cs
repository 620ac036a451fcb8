using IntegrationHub.Hosting;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Queue;

namespace IntegrationHub.Lab.Services;

/// <summary>
/// One business change in one transaction: the domain rows, and the QUEUED logs and tasks its
/// events produce, commit together or not at all. Workers are woken once it has committed.
/// </summary>
/// <param name="db">The lab database whose transaction carries the change.</param>
/// <param name="signal">Woken after the commit.</param>
/// <param name="idempotency">The request's <c>Idempotency-Key</c>, spent inside the transaction when there is one.</param>
/// <param name="gate">
/// Present when the hub's backend is a single-writer file (SQLite): the business transaction
/// queues behind the hub's writers instead of colliding with them on the file lock.
/// </param>
public sealed class LabUnitOfWork(LabDbContext db, QueueSignal signal, IdempotencyScope idempotency, SingleWriterGate? gate = null)
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        T result;
        using (gate is null ? null : (IDisposable)await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // First, so a key already spent stops the change before any of it is done.
            await idempotency.ClaimInTransactionAsync(cancellationToken);
            result = await work(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        idempotency.OnCommitted();
        signal.Wake();
        return result;
    }
}
