namespace IntegrationHub.Logging;

/// <summary>
/// One attempt of one execution: an entry of the append-only IntegrationRetryLog. Unique per
/// (log id, attempt number), so writing it twice changes nothing.
/// </summary>
public sealed record AttemptRecord
{
    public required string LogId { get; init; }

    /// <summary>1 for the first attempt, counting automatic and manual attempts together.</summary>
    public required int Attempt { get; init; }

    public AttemptKind Kind { get; init; } = AttemptKind.Automatic;

    /// <summary>Who asked: "system" for automatic attempts, else the user or API client.</summary>
    public string RequestedBy { get; init; } = "system";

    /// <summary>Success, Fail, or Retrying when another automatic attempt follows.</summary>
    public required LogStatus Outcome { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public double DurationMs { get; init; }

    public RequestRecord? Request { get; init; }

    public ResponseRecord? Response { get; init; }

    public ErrorRecord? Error { get; init; }

    /// <summary>When the next automatic attempt is due, if one is.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The partner's reference id taken from its response.</summary>
    public string? PartnerReference { get; init; }
}
