using IntegrationHub.Lab.Domain;
using IntegrationHub.Queue;

namespace IntegrationHub.Lab.Services;

/// <summary>
/// One business change in one transaction: the domain rows, and the QUEUED logs and tasks its
/// events produce, commit together or not at all. Workers are woken once it has committed.
/// </summary>
public sealed class LabUnitOfWork(LabDbContext db, QueueSignal signal)
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return result;
    }
}
