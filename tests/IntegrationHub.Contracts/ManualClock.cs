namespace IntegrationHub.Contracts;

/// <summary>
/// A clock the test sets, forwards or back (a fake, since time is what the contract is about);
/// timers run on real time. <c>FakeTimeProvider</c> only moves forward.
/// </summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>What <see cref="GetUtcNow"/> answers.</summary>
    public DateTimeOffset Now { get; set; } = now;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
