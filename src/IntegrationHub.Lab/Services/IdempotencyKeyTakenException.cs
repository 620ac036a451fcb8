namespace IntegrationHub.Lab.Services;

/// <summary>
/// The key was spent by another call between this request's look-up and its commit (another
/// process on the same file); the business change was rolled back. The web layer answers from
/// the stored record instead.
/// </summary>
public sealed class IdempotencyKeyTakenException(IdempotencyClaim claim)
    : Exception($"Idempotency-Key '{claim.Key}' of lab {claim.LabId} was spent by another call; this change was rolled back.")
{
    public IdempotencyClaim Claim { get; } = claim;
}
