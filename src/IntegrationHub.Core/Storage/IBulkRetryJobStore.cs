namespace IntegrationHub.Storage;

/// <summary>
/// Where bulk retry jobs live, so that a job's progress outlives the process that started it and is
/// read by every hub process on the storage, and an interrupted job goes on where it stopped.
/// Implemented once per backend; a backend shared by several processes makes every member safe to
/// call from all of them at once.
/// </summary>
/// <remarks>
/// One process runs a job at a time: its <see cref="BulkRetryJob.Owner"/>, until
/// <see cref="BulkRetryJob.LeaseUntil"/>, which each of its writes renews. The owner changes only by
/// <see cref="ClaimAsync"/>, and a write by a process that is no longer the owner changes nothing, so
/// a process that was presumed dead cannot overwrite its successor's progress.
/// </remarks>
public interface IBulkRetryJobStore
{
    /// <summary>Stores a new job, held by its <see cref="BulkRetryJob.Owner"/>, with no logs taken.</summary>
    /// <param name="job">The job; its id is new.</param>
    /// <param name="cancellationToken">Ends the wait for the storage.</param>
    Task CreateAsync(BulkRetryJob job, CancellationToken cancellationToken);

    /// <summary>The job as last written, or null when there is no job with this id.</summary>
    /// <param name="id">The job's id.</param>
    /// <param name="cancellationToken">Ends the wait for the storage.</param>
    Task<BulkRetryJob?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> jobs, finished or not, the newest <see cref="BulkRetryProgress.StartedAt"/> first.</summary>
    /// <param name="limit">How many jobs at most, at least 1.</param>
    /// <param name="cancellationToken">Ends the wait for the storage.</param>
    Task<IReadOnlyList<BulkRetryJob>> ListRecentAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes over every unfinished job whose lease has passed at <paramref name="now"/> (its process
    /// stopped or died): each gets <paramref name="owner"/> and <paramref name="leaseUntil"/>, and is
    /// returned as it is now stored. Two callers never take the same job; a finished job is never taken.
    /// </summary>
    /// <param name="owner">The claiming process's token.</param>
    /// <param name="now">The claimer's clock; a lease ending at or before it has passed.</param>
    /// <param name="leaseUntil">The new lease of each job taken.</param>
    /// <param name="cancellationToken">Ends the wait for the storage.</param>
    Task<IReadOnlyList<BulkRetryJob>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>The job's logs taken and not yet settled (none for an unknown or finished job), in no particular order.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Ends the wait for the storage.</param>
    Task<IReadOnlyList<BulkRetryJobLog>> ListLogsAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one step in one atomic write: replaces the stored job by <see cref="BulkRetryStep.Job"/>,
    /// adds the <see cref="BulkRetryStep.Taken"/> logs, marks the <see cref="BulkRetryStep.Queued"/> ones
    /// and removes the <see cref="BulkRetryStep.Settled"/> ones; a step that finishes the job
    /// (<see cref="BulkRetryProgress.Done"/>) removes all its logs. Nothing is written, and false is
    /// answered, when the job does not exist or is no longer held by the step's
    /// <see cref="BulkRetryJob.Owner"/>.
    /// </summary>
    /// <param name="step">The job after the step, and what changed among its logs.</param>
    /// <param name="cancellationToken">Ends the wait for the storage.</param>
    Task<bool> RecordAsync(BulkRetryStep step, CancellationToken cancellationToken);

    /// <summary>Deletes every finished job that is not among the newest <paramref name="keep"/> jobs; unfinished jobs are kept.</summary>
    /// <param name="keep">How many of the newest jobs are kept whatever their state.</param>
    /// <param name="cancellationToken">Ends the wait for the storage.</param>
    Task PruneAsync(int keep, CancellationToken cancellationToken);
}
