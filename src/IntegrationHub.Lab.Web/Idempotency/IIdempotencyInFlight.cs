namespace IntegrationHub.Lab.Web.Idempotency;

/// <summary>
/// Coordinates calls that carry the same <c>Idempotency-Key</c> while the first one is still
/// running, so a repeat waits for its answer rather than racing it. The default,
/// <see cref="IdempotencyKeyLocks"/>, coordinates the calls of this process; across processes the
/// store's unique key decides (the loser rolls back and answers with the winner's result), so a
/// cluster-wide implementation only spares repeats that wait, it is not needed for correctness.
/// Register another with <c>services.AddSingleton&lt;IIdempotencyInFlight, ...&gt;()</c> before
/// <c>AddReferenceLabWeb()</c>.
/// </summary>
public interface IIdempotencyInFlight
{
    /// <summary>Holds the key until the result is disposed; null when another call held it for longer than <paramref name="wait"/>.</summary>
    Task<IDisposable?> TryEnterAsync(long labId, string key, TimeSpan wait, CancellationToken cancellationToken);
}
