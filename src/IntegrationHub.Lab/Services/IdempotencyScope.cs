namespace IntegrationHub.Lab.Services;

/// <summary>
/// The <c>Idempotency-Key</c> of the current request, if any. The web layer sets it; the request's
/// <see cref="LabUnitOfWork"/> spends it inside its transaction, so the key and the business change
/// commit together or not at all. Business services never see it.
/// </summary>
public sealed class IdempotencyScope(IdempotencyStore store)
{
    private IdempotencyClaim? _pending;

    /// <summary>Whether this scope's key was spent by a committed change.</summary>
    public bool Committed { get; private set; }

    /// <summary>Spends <paramref name="claim"/> on the next business change of this scope.</summary>
    public void Claim(IdempotencyClaim claim)
    {
        if (Committed || _pending is not null)
        {
            throw new InvalidOperationException("A request spends at most one Idempotency-Key.");
        }

        _pending = claim;
    }

    internal Task ClaimInTransactionAsync(CancellationToken cancellationToken) =>
        _pending is { } claim ? store.ClaimInTransactionAsync(claim, cancellationToken) : Task.CompletedTask;

    // Only the first change of a request spends the key; a later one in the same request claims nothing.
    internal void OnCommitted()
    {
        if (_pending is not null)
        {
            _pending = null;
            Committed = true;
        }
    }
}
