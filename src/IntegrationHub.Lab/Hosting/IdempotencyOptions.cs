using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Lab.Hosting;

/// <summary>
/// <c>Idempotency-Key</c> handling of the lab's business routes, bound from the
/// <c>IntegrationHub:Idempotency</c> configuration section.
/// </summary>
public sealed class IdempotencyOptions
{
    public const string Section = "IntegrationHub:Idempotency";

    /// <summary>
    /// How long a spent key answers repeats; after it the key is free again and its row is deleted
    /// by the next claim of any key. Default: 24 h (a client's retries end well within a day).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a repeat waits for the first call with its key when that call is still running in
    /// this process, to answer with its result; a call still running after this answers 409.
    /// Zero answers 409 at once. Default: 10 s (longer than any business change takes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan InFlightWait { get; set; } = TimeSpan.FromSeconds(10);
}
