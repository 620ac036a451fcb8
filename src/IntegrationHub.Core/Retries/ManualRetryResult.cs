namespace IntegrationHub.Retries;

/// <summary>The answer to a manual retry: queued (with its attempt number), or why not.</summary>
public sealed record ManualRetryResult(ManualRetryStatus Status, string? Reason = null, int? Attempt = null);

public enum ManualRetryStatus
{
    Queued,
    NotFound,

    /// <summary>The retry cannot run now: already queued, entity gone, integration gone or disabled.</summary>
    Conflict,
}
