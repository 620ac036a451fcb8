using IntegrationHub.Logging;
using IntegrationHub.Storage;

namespace IntegrationHub.Queue;

/// <summary>
/// Writes QUEUED logs and their tasks together with the business change that caused them
/// (transactional outbox): if the business transaction rolls back, nothing is queued or sent.
/// </summary>
public interface IDeliveryOutbox
{
    /// <summary>
    /// Writes each log and task inside <paramref name="transaction"/>, the business change's own
    /// transaction, made by this backend's <see cref="IBusinessTransactionSource{TNative}"/>.
    /// Nothing is visible to workers before it commits.
    /// </summary>
    Task WriteAsync(IBusinessTransaction transaction, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Writes logs and tasks in a transaction of their own, for deliveries that no business change
    /// causes (a test send from the dashboard). Workers are woken once it commits.
    /// </summary>
    Task WriteAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically moves a finished log back to <paramref name="state"/> and queues its next task,
    /// provided the log is still at <paramref name="expectedVersion"/>. False when another change won.
    /// </summary>
    Task<bool> RequeueAsync(string logId, long expectedVersion, LogState state, DispatchTask task, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt and, in the same transaction, completes the leased task or replaces it by
    /// <paramref name="next"/> due at <paramref name="nextAt"/>: the log and the queue never disagree.
    /// Returns false when the lease lapsed meanwhile (the attempt is still recorded).
    /// </summary>
    Task<bool> FinishAsync(LeasedTask lease, AttemptRecord attempt, DispatchTask? next, DateTimeOffset? nextAt, CancellationToken cancellationToken);
}

/// <summary>One QUEUED log and the task that will deliver it; no task when the log is already final (a payload that could not be rendered).</summary>
public sealed record OutboxDelivery(IntegrationLog Log, DispatchTask? Task);
