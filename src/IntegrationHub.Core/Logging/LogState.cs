namespace IntegrationHub.Logging;

/// <summary>
/// The current-status fields of a log: the only part of a log document rewritten after creation.
/// Everything else is written once; the history lives in the retry log.
/// </summary>
public sealed record LogState
{
    public LogStatus Status { get; init; } = LogStatus.Queued;

    /// <summary>Attempts made so far (0 while the first is queued).</summary>
    public int Attempts { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The latest attempt, as appended to the retry log.</summary>
    public AttemptRecord? LastAttempt { get; init; }

    public string? PartnerReference { get; init; }

    /// <summary>The partner's latest callback about this delivery; a new attempt starts without one.</summary>
    public PartnerAcknowledgement? Acknowledgement { get; init; }

    /// <summary>Concurrency token: bumped by every state change, compared by manual retry.</summary>
    public long Version { get; init; }
}
