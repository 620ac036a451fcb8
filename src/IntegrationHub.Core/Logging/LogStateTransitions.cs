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
}
