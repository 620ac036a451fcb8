using IntegrationHub.Logging;

namespace IntegrationHub.Dispatch;

/// <summary>What one attempt did: the request sent, the answer, or why it failed.</summary>
public sealed record DispatchResult
{
    public RequestRecord? Request { get; init; }

    public ResponseRecord? Response { get; init; }

    /// <summary>Null when the partner accepted the delivery.</summary>
    public ErrorRecord? Error { get; init; }

    /// <summary>Whether a later attempt may succeed (timeouts, connection errors, 408, 429, 5xx).</summary>
    public bool Transient { get; init; }

    /// <summary>The partner's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public double DurationMs { get; init; }

    public string? PartnerReference { get; init; }

    public bool Succeeded => Error is null;
}
