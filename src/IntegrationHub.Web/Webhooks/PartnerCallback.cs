using IntegrationHub.Logging;

namespace IntegrationHub.Web.Webhooks;

/// <summary>
/// The body of a partner's status callback:
/// <c>{"status": "acked"|"rejected", "deliveryId": "msg_…", "reference": "…", "reason": "…", "occurredAt": "…"}</c>.
/// <c>deliveryId</c> (the <c>webhook-id</c> the hub sent) or <c>reference</c> (the partner's own id for what it received) names the delivery.
/// </summary>
internal sealed record PartnerCallback(AcknowledgementStatus Status, string? DeliveryLogId, string? Reference, string? Reason, DateTimeOffset? OccurredAt);
