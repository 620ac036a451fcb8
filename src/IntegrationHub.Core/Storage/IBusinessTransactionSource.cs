namespace IntegrationHub.Storage;

/// <summary>
/// Shipped by a storage backend whose outbox joins the business transaction
/// (<see cref="StorageCapabilities.JoinsBusinessTransaction"/>): how a business domain whose own
/// transactions are of type <typeparamref name="TNative"/> (<see cref="System.Data.Common.DbTransaction"/>
/// for a relational domain such as the reference lab) takes part. The domain calls
/// <see cref="EnterWriteAsync"/>, begins its transaction, <see cref="Join"/>s it, raises its events
/// with the handle, commits, then reports <see cref="Committed"/>.
/// </summary>
/// <typeparam name="TNative">The domain's own transaction type.</typeparam>
public interface IBusinessTransactionSource<in TNative>
    where TNative : class
{
    /// <summary>
    /// Waits until the domain may write to the database it shares with the hub; dispose the result
    /// once the write (or the whole transaction) has ended. A single-writer backend (SQLite) queues
    /// the domain behind the hub's own writers here; a backend with concurrent writers returns at once.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    ValueTask<IAsyncDisposable> EnterWriteAsync(CancellationToken cancellationToken);

    /// <summary>The handle of the domain's open <paramref name="transaction"/>, for the outbox to write in.</summary>
    /// <param name="transaction">The domain's open transaction.</param>
    /// <exception cref="InvalidOperationException">
    /// The transaction is not one this backend can write in (another engine's, or another database's).
    /// </exception>
    IBusinessTransaction Join(TNative transaction);

    /// <summary>
    /// Tells the backend that <paramref name="transaction"/> has committed, so its deliveries may
    /// start now (SQLite wakes this process's workers; a backend that notifies within the commit
    /// itself does nothing). Not called after a rollback.
    /// </summary>
    /// <param name="transaction">A handle made by <see cref="Join"/>.</param>
    void Committed(IBusinessTransaction transaction);
}
