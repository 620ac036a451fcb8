using IntegrationHub.Logging;
using IntegrationHub.Queue;

namespace IntegrationHub.Storage;

/// <summary>
/// The storage side of delivery: a delivery's log and its outbox entry (its task) change in one
/// storage transaction. QUEUED logs and their tasks are written together with the business change
/// that caused them (if the business transaction rolls back, nothing is queued or sent), and a
/// worker's finish records the attempt together with the task's completion or its next attempt.
/// </summary>
public interface IDeliveryOutbox
{
    /// <summary>
    /// Writes each log and task inside <paramref name="transaction"/>, the business change's own
    /// transaction, made by this backend's <see cref="IBusinessTransactionSource{TNative}"/>.
    /// Nothing is visible to workers before it commits.
    /// </summary>
    /// <param name="transaction">The business change's transaction.</param>
    /// <param name="deliveries">The logs and tasks the change's events produce.</param>
    /// <param name="cancellationToken">Abandons the write (the business change then fails too).</param>
    /// <exception cref="InvalidOperationException">The handle was made by another backend.</exception>
    Task WriteAsync(IBusinessTransaction transaction, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Writes logs and tasks in a transaction of their own, for deliveries that no business change
    /// causes (a test send from the dashboard). Workers are woken once it commits.
    /// </summary>
    /// <param name="deliveries">The logs and tasks to write.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task WriteAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically moves a finished log back to <paramref name="state"/> and queues its next task,
    /// provided the log is still at <paramref name="expectedVersion"/> and finished. False when
    /// another change won (or the log is unknown, or not finished).
    /// </summary>
    /// <param name="logId">The log to deliver again.</param>
    /// <param name="expectedVersion">The version of the log's state the caller read.</param>
    /// <param name="state">The log's new state (QUEUED, one version up).</param>
    /// <param name="task">The next attempt's task.</param>
    /// <param name="cancellationToken">Abandons the change.</param>
    Task<bool> RequeueAsync(string logId, long expectedVersion, LogState state, DispatchTask task, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt and, in the same transaction, completes the leased task or replaces it by
    /// <paramref name="next"/> due at <paramref name="nextAt"/>: the log and the queue never disagree.
    /// Returns false when the lease lapsed meanwhile (the attempt is still recorded). A backend
    /// may write several finishes in one commit (group commit).
    /// </summary>
    /// <param name="lease">The lease the task was received under.</param>
    /// <param name="attempt">The attempt to record.</param>
    /// <param name="next">The next attempt's task; null when the delivery has ended.</param>
    /// <param name="nextAt">When <paramref name="next"/> is due.</param>
    /// <param name="cancellationToken">Abandons the finish (the lease then lapses).</param>
    Task<bool> FinishAsync(LeasedTask lease, AttemptRecord attempt, DispatchTask? next, DateTimeOffset? nextAt, CancellationToken cancellationToken);
}

/// <summary>One QUEUED log and the task that will deliver it; no task when the log is already final (a payload that could not be rendered).</summary>
/// <param name="Log">The log, QUEUED (or already FAIL).</param>
/// <param name="Task">The first attempt's task.</param>
public sealed record OutboxDelivery(IntegrationLog Log, DispatchTask? Task);
