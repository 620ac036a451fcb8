namespace IntegrationHub.Tests.Infrastructure.Backends;

/// <summary>
/// What the end-to-end tests do to a hub's storage behind its back, and the few facts about it that
/// no interface of the hub answers. One implementation per backend; everything else the tests read
/// goes through the HTTP API or the hub's own store interfaces (see <see cref="HubStores"/>).
/// </summary>
public interface IBackendFaults
{
    /// <summary>Makes the log store fail every read and write, as an outage would; disposing brings it back with all it held.</summary>
    Task<IAsyncDisposable> TakeLogStoreOfflineAsync();

    /// <summary>Makes the delivery queue fail every read and write, as an outage would; disposing brings it back with all it held.</summary>
    Task<IAsyncDisposable> TakeQueueOfflineAsync();

    /// <summary>
    /// Makes every write to the lab's patients wait, as another client's long transaction would;
    /// disposing lets them go. Hold it for well under the store's lock timeout (SQLite: 10 s).
    /// </summary>
    Task<IAsyncDisposable> HoldPatientWritesAsync();

    /// <summary>A part of the message the hub records for a write that met the log store offline, naming what failed.</summary>
    string LogStoreOfflineError { get; }

    /// <summary>Every delivery in the queue, waiting or leased, as the backend stores it, oldest first.</summary>
    Task<IReadOnlyList<StoredTask>> ReadQueueAsync();

    /// <summary>Every byte the backend keeps for this hub (files, pages, logs of changes), to search for a secret in clear.</summary>
    Task<byte[]> ReadEverythingStoredAsync();

    /// <summary>Changes every audit entry, as someone with direct access to the database would; throws what the backend throws.</summary>
    Task RewriteAuditEntriesAsync();

    /// <summary>Deletes every audit entry, as someone with direct access to the database would; throws what the backend throws.</summary>
    Task DeleteAuditEntriesAsync();

    /// <summary>
    /// Forgets the stored answer of every spent idempotency key, as a crash between the business
    /// commit and the stored answer leaves it; returns how many keys it changed.
    /// </summary>
    Task<int> ForgetIdempotentAnswersAsync();

    /// <summary>
    /// Removes the idempotency keys' table with its indexes, the lab's migration history and what
    /// later migrations added (the search keys), as in a database made before idempotency (and so
    /// before the lab had migrations).
    /// </summary>
    Task DropIdempotencyStoreAsync();

    /// <summary>How many indexes the idempotency keys' table has beside its primary key.</summary>
    Task<long> CountIdempotencyIndexesAsync();
}
