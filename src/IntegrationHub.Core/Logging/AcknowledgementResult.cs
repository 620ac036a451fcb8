namespace IntegrationHub.Logging;

/// <summary>What recording a partner callback did.</summary>
/// <param name="Outcome">Recorded, a duplicate left alone, or no delivery of that integration matched.</param>
/// <param name="LogId">The delivery's log, when one matched (for a duplicate: the one the first callback answered).</param>
public sealed record AcknowledgementResult(AcknowledgementOutcome Outcome, string? LogId);

/// <summary>See <see cref="AcknowledgementResult"/>.</summary>
public enum AcknowledgementOutcome
{
    Recorded,
    Duplicate,
    NoSuchDelivery,
}
