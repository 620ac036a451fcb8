namespace IntegrationHub.Logging;

/// <summary>
/// A log record the log store could not take when it was made, waiting in the
/// <see cref="Spool.LogRecordSpool"/>: a whole log to create (an inbound call) or an attempt to record.
/// Its JSON names (<c>logId</c>, <c>log</c>, <c>record</c>) are those of the spool files of
/// earlier versions, which still load.
/// </summary>
public sealed record PendingLogRecord
{
    /// <summary>The log the record belongs to.</summary>
    public required string LogId { get; init; }

    /// <summary>A whole log to create; null for an attempt.</summary>
    public IntegrationLog? Log { get; init; }

    /// <summary>An attempt to record; null for a whole log.</summary>
    public AttemptRecord? Record { get; init; }

    /// <summary>A whole log to create.</summary>
    public static PendingLogRecord Create(IntegrationLog log) => new() { LogId = log.Id, Log = log };

    /// <summary>An attempt to record.</summary>
    public static PendingLogRecord Attempt(AttemptRecord attempt) => new() { LogId = attempt.LogId, Record = attempt };
}
