using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Retries;

/// <summary>The automatic retry schedule, bound from the <c>IntegrationHub</c> section (the keys keep their names).</summary>
public sealed class RetryOptions
{
    public const string Section = "IntegrationHub";

    /// <summary>Delay before the second attempt; doubled for each further one, with jitter. Default: 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest automatic backoff; not shorter than <see cref="RetryBaseDelay"/>. Default: 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest wait a partner's Retry-After header can ask for. Default: 15 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RetryAfterCap { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The rule between the fields, with the keys to fix.</summary>
    public const string BaseAboveMax =
        "IntegrationHub:RetryBaseDelay (the wait before the second attempt) must not be longer than IntegrationHub:RetryMaxDelay (the longest automatic backoff).";

    internal bool IsConsistent() => RetryBaseDelay <= RetryMaxDelay;
}
