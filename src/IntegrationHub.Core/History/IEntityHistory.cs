namespace IntegrationHub.History;

/// <summary>
/// The domain's side of an entity timeline: what happened to an entity and to the entities hanging
/// off it (a patient's bills, samples and reports). The deliveries come from the log store.
/// </summary>
public interface IEntityHistory
{
    /// <summary>Events in time order, or null when the entity does not exist in the lab.</summary>
    Task<IReadOnlyList<EntityEvent>?> GetAsync(long labId, EntityKind kind, long id, CancellationToken cancellationToken);
}
