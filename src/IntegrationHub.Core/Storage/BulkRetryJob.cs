using IntegrationHub.Access;
using IntegrationHub.Logging;

namespace IntegrationHub.Storage;

/// <summary>
/// A bulk retry as its <see cref="Storage.IBulkRetryJobStore"/> keeps it: what its requester sees,
/// what it retries, how far through the matching logs it has got, and which process runs it.
/// Besides this, the store keeps the job's <see cref="BulkRetryJobLog"/>s: the logs it has taken and
/// not yet settled.
/// </summary>
public sealed record BulkRetryJob
{
    /// <summary>The job's id, <see cref="BulkRetryProgress.Id"/>.</summary>
    public string Id => Progress.Id;

    /// <summary>Counts and state as the requester sees them.</summary>
    public required BulkRetryProgress Progress { get; init; }

    /// <summary>The logs it retries: the FAIL logs of this filter, in the log store's order (newest first).</summary>
    public required LogQuery Filter { get; init; }

    /// <summary>The labs the filter reaches; only a reader whose scope covers them all sees the job.</summary>
    public required LabScope Labs { get; init; }

    /// <summary>How many logs were skipped for each reason; <see cref="BulkRetryProgress.SkipReason"/> is the most frequent.</summary>
    public IReadOnlyDictionary<string, int> SkipReasons { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// The <see cref="LogPage.NextCursor"/> after the last log taken: the walk through the matching
    /// logs goes on from here, so no log is taken twice. Null before the first log is taken.
    /// </summary>
    public string? Cursor { get; init; }

    /// <summary>Every matching log has been taken (or <see cref="Retries.BulkRetryService.MaxLogs"/> of them): only the queued retries are followed now.</summary>
    public bool Walked { get; init; }

    /// <summary>The process that runs the job: the token that process's <see cref="Retries.BulkRetryService"/> runs jobs under.</summary>
    public required string Owner { get; init; }

    /// <summary>
    /// Until when <see cref="Owner"/> holds the job without news from it. Renewed by each of its
    /// writes; once passed, an unfinished job may be claimed by any process (its owner stopped or died).
    /// </summary>
    public required DateTimeOffset LeaseUntil { get; init; }
}
