namespace IntegrationHub.Access;

/// <summary>The append-only audit log. Entries are never changed or removed by the product.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Entries newest first, older than <paramref name="beforeId"/> when given. <paramref name="labIds"/>
    /// null means every entry; otherwise only entries of those labs.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<long>? labIds, long? beforeId, int limit, CancellationToken cancellationToken);
}
