namespace IntegrationHub.Storage;

/// <summary>
/// One write of a bulk retry job's progress, applied whole or not at all by
/// <see cref="Storage.IBulkRetryJobStore.RecordAsync"/>: the job as it stands after the step, and
/// what changed among its <see cref="BulkRetryJobLog"/>s.
/// </summary>
public sealed record BulkRetryStep
{
    /// <summary>The job after this step (counts, cursor, lease, done), replacing the stored one; <see cref="BulkRetryJob.Owner"/> is the writer.</summary>
    public required BulkRetryJob Job { get; init; }

    /// <summary>Logs taken with this step's cursor, not yet queued.</summary>
    public IReadOnlyList<BulkRetryJobLog> Taken { get; init; } = [];

    /// <summary>Taken logs whose retry is queued now; the job follows them until they end.</summary>
    public IReadOnlyList<string> Queued { get; init; } = [];

    /// <summary>Logs the job is done with: skipped, or their retry ended. Applied after <see cref="Taken"/> and <see cref="Queued"/>.</summary>
    public IReadOnlyList<string> Settled { get; init; } = [];
}
