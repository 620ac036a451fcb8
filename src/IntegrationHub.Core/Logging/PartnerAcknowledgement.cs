namespace IntegrationHub.Logging;

/// <summary>A partner's status callback about one delivery, as recorded on that delivery's log.</summary>
public sealed record PartnerAcknowledgement
{
    public required AcknowledgementStatus Status { get; init; }

    /// <summary>When the hub received the callback.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the partner says it happened, if it says.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The partner's words, e.g. why it rejected the delivery.</summary>
    public string? Reason { get; init; }

    /// <summary>The partner's reference for what it received.</summary>
    public string? PartnerReference { get; init; }

    /// <summary>The callback's <c>webhook-id</c>, when it carried one: the key that makes a resent callback a duplicate.</summary>
    public string? WebhookId { get; init; }

    /// <summary>The inbound log of the callback itself.</summary>
    public string? InboundLogId { get; init; }
}
