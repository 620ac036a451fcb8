using IntegrationHub.Queue;

namespace IntegrationHub.Storage;

/// <summary>
/// Carries deliveries to the workers, with a broker's shape: publish with a due time, receive
/// (a long poll) under a lease, acknowledge, or retry at a time. At least once: a lease that lapses
/// unacknowledged (a crashed worker) makes its task receivable again, under a new lease token that
/// makes the late worker's acknowledgement a no-op. A storage that is its own transport
/// (<see cref="StorageCapabilities.IsOwnTransport"/>, SQLite) implements it on the outbox's rows.
/// </summary>
public interface IDeliveryTransport
{
    /// <summary>Publishes a task, receivable from <paramref name="dueAt"/>.</summary>
    /// <param name="task">The delivery to make.</param>
    /// <param name="dueAt">When it becomes receivable.</param>
    /// <param name="cancellationToken">Abandons the publish.</param>
    Task PublishAsync(DispatchTask task, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <see cref="ReceiveRequest.Max"/> due tasks, oldest first, each under a fresh lease
    /// sized by its timeout: at most <see cref="ReceiveRequest.Caps"/>[integration] of an integration
    /// listed there, at most <see cref="ReceiveRequest.DefaultCap"/> of any other, none of one whose
    /// cap is 0. When none can be taken, waits up to <see cref="ReceiveRequest.MaxWait"/> for one to
    /// come due or be published, then returns what it could take: possibly nothing.
    /// </summary>
    /// <param name="request">How many, with which caps, and how long to wait.</param>
    /// <param name="cancellationToken">
    /// Ends the wait early (the consumer's capacity changed, or it stops): an empty list is returned.
    /// A lease once taken is always returned, never lost to a cancellation.
    /// </param>
    Task<IReadOnlyList<LeasedTask>> ReceiveAsync(ReceiveRequest request, CancellationToken cancellationToken);

    /// <summary>Removes a finished task. False when its lease lapsed and another lease owns it now.</summary>
    /// <param name="lease">The lease the task was received under.</param>
    /// <param name="cancellationToken">Abandons the acknowledgement (the lease then lapses).</param>
    Task<bool> AcknowledgeAsync(LeasedTask lease, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a leased task by <paramref name="next"/>, receivable from <paramref name="dueAt"/>
    /// (a retry, or the same task given back at once). False when the lease lapsed meanwhile.
    /// </summary>
    /// <param name="lease">The lease the task was received under.</param>
    /// <param name="next">The task to receive next time.</param>
    /// <param name="dueAt">When it becomes receivable.</param>
    /// <param name="cancellationToken">Abandons the change (the lease then lapses).</param>
    Task<bool> RetryAtAsync(LeasedTask lease, DispatchTask next, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>How many tasks are waiting or leased: the queue's depth, for monitoring.</summary>
    /// <param name="cancellationToken">Abandons the count.</param>
    Task<long> CountAsync(CancellationToken cancellationToken);
}

/// <summary>What <see cref="IDeliveryTransport.ReceiveAsync"/> may take, and how long it may wait.</summary>
/// <param name="Max">Most tasks to take (the consumer's free workers); at least 1.</param>
/// <param name="Caps">Most tasks to take per integration, for the integrations listed; 0 takes none of one.</param>
/// <param name="DefaultCap">Most tasks to take of an integration not in <paramref name="Caps"/>.</param>
/// <param name="MaxWait">Longest wait when nothing can be taken at once; zero returns at once.</param>
public sealed record ReceiveRequest(int Max, IReadOnlyDictionary<long, int> Caps, int DefaultCap, TimeSpan MaxWait);
