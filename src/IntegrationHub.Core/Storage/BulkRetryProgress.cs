namespace IntegrationHub.Storage;

/// <summary>A bulk retry as its requester sees it: what was queued, what finished, what is still on its way.</summary>
public sealed record BulkRetryProgress
{
    /// <summary>The job's id, as <c>GET /api/logs/retry-bulk/{id}</c> takes it.</summary>
    public required string Id { get; init; }

    /// <summary>Who started the job.</summary>
    public required string RequestedBy { get; init; }

    /// <summary>The filter the job ran, as the log browser's query-string fields (<see cref="Logging.LogQueryFields"/>); the status is always FAIL. Empty: every log of the requester's labs.</summary>
    public IReadOnlyDictionary<string, string> Filter { get; init; } = new Dictionary<string, string>();

    /// <summary>When the job was started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>FAIL logs that matched the filter when the job started (at most <see cref="Retries.BulkRetryService.MaxLogs"/>).</summary>
    public int Matched { get; init; }

    /// <summary>Retries queued so far.</summary>
    public int Queued { get; init; }

    /// <summary>Logs that could not be retried (entity gone, integration inactive, already in flight).</summary>
    public int Skipped { get; init; }

    /// <summary>The most frequent reason logs were skipped, if any.</summary>
    public string? SkipReason { get; init; }

    /// <summary>Queued retries that ended in SUCCESS.</summary>
    public int Succeeded { get; init; }

    /// <summary>Queued retries that ended in FAIL.</summary>
    public int Failed { get; init; }

    /// <summary>Queued retries not yet finished.</summary>
    public int Pending => Queued - Succeeded - Failed;

    /// <summary>Every match was queued or skipped and every queued retry has ended.</summary>
    public bool Done { get; init; }

    /// <summary>More FAIL logs matched than one job takes; run it again for the rest.</summary>
    public bool Capped { get; init; }
}
