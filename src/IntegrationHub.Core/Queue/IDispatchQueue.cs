namespace IntegrationHub.Queue;

/// <summary>
/// The durable dispatch queue (the seed's "Fusion"): tasks survive restarts, are taken under a
/// lease, and are taken again when a lease lapses unfinished.
/// </summary>
public interface IDispatchQueue
{
    /// <summary>Queues a task, due at <paramref name="availableAt"/>.</summary>
    Task EnqueueAsync(DispatchTask task, DateTimeOffset availableAt, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the oldest due task whose integration is not in <paramref name="excludedIntegrations"/>,
    /// or returns null when there is none. Log records are never excluded.
    /// </summary>
    Task<LeasedTask?> TryLeaseAsync(DateTimeOffset now, IReadOnlySet<long> excludedIntegrations, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="max"/> due tasks, oldest first, in one step: at most
    /// <paramref name="caps"/>[integration] tasks of an integration listed there, at most
    /// <paramref name="defaultCap"/> of any other, none of an integration whose cap is 0. Log
    /// records are never capped. An empty list when nothing is due.
    /// </summary>
    Task<IReadOnlyList<LeasedTask>> TryLeaseManyAsync(DateTimeOffset now, IReadOnlyDictionary<long, int> caps, int defaultCap, int max, CancellationToken cancellationToken);

    /// <summary>Removes a finished task; false when the lease lapsed and another worker owns it now.</summary>
    Task<bool> CompleteAsync(LeasedTask lease, CancellationToken cancellationToken);

    /// <summary>Replaces a leased task by its next attempt, due at <paramref name="availableAt"/>.</summary>
    Task<bool> RescheduleAsync(LeasedTask lease, DispatchTask next, DateTimeOffset availableAt, CancellationToken cancellationToken);

    /// <summary>The earliest moment a task becomes takeable (due, or its lease lapses); null when the queue is empty.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);

    /// <summary>How many tasks are queued or leased.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
