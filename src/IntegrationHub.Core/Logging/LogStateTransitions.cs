namespace IntegrationHub.Logging;

/// <summary>How an attempt moves a log's current state; shared by every store so they agree.</summary>
public static class LogStateTransitions
{
    /// <summary>The state a log is in right after <paramref name="attempt"/> (its version is the store's to set).</summary>
    public static LogState After(AttemptRecord attempt, DateTimeOffset now) => new()
    {
        Status = attempt.Outcome,
        Attempts = attempt.Attempt,
        UpdatedAt = now,
        CompletedAt = attempt.Outcome is LogStatus.Success or LogStatus.Fail ? now : null,
        NextAttemptAt = attempt.NextAttemptAt,
        LastAttempt = attempt,
        PartnerReference = attempt.PartnerReference,
    };

    /// <summary>
    /// As <see cref="After(AttemptRecord, DateTimeOffset)"/>, keeping what the partner said: an
    /// acknowledgement received once this attempt had started answers this attempt (a partner may
    /// call back before the attempt's own answer is recorded), an older one answered an earlier
    /// attempt and is dropped; a reference already known stays when the attempt brings none.
    /// </summary>
    public static LogState After(AttemptRecord attempt, DateTimeOffset now, PartnerAcknowledgement? acknowledgement, string? partnerReference) =>
        After(attempt, now) with
        {
            Acknowledgement = acknowledgement is { } ack && ack.ReceivedAt >= attempt.StartedAt ? ack : null,
            PartnerReference = attempt.PartnerReference ?? partnerReference,
        };
}
