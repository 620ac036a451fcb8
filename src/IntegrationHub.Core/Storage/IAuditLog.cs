using IntegrationHub.Access;

namespace IntegrationHub.Storage;

/// <summary>
/// The append-only audit log. Part of the contract: entries are never changed or removed, and a
/// backend that can enforce it in the database (a trigger, a grant) does, so that not even a
/// direct write can rewrite history.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends one entry; its id is assigned by the store, in increasing order.</summary>
    /// <param name="entry">What happened, who did it, and when.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Entries newest first, older than <paramref name="beforeId"/> when given. <paramref name="labIds"/>
    /// null means every entry; otherwise only entries of those labs.
    /// </summary>
    /// <param name="labIds">The labs whose entries to list; null for every entry.</param>
    /// <param name="beforeId">The keyset cursor: only entries with a smaller id.</param>
    /// <param name="limit">Most entries to return.</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<long>? labIds, long? beforeId, int limit, CancellationToken cancellationToken);
}
