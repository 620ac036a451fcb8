namespace IntegrationHub.Logging;

/// <summary>
/// A verified partner callback to record: which integration it came from, which delivery it
/// answers (by the <c>webhook-id</c> the hub sent, or by the partner's reference), and what it says.
/// </summary>
public sealed record AcknowledgementRequest
{
    public required long IntegrationId { get; init; }

    /// <summary>The delivery's log id, when the partner named the hub's <c>webhook-id</c>.</summary>
    public string? DeliveryLogId { get; init; }

    public required PartnerAcknowledgement Acknowledgement { get; init; }
}
