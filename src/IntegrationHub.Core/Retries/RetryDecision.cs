namespace IntegrationHub.Retries;

/// <summary>Whether a failed attempt is retried, and when.</summary>
public sealed record RetryDecision(bool Retry, DateTimeOffset? At)
{
    public static RetryDecision Final { get; } = new(false, null);
}
