namespace IntegrationHub.History;

/// <summary>Something that happened to a business entity, as the domain recorded it.</summary>
/// <param name="At">When it happened.</param>
/// <param name="What">A short label, e.g. "Bill generated".</param>
/// <param name="Kind">The entity it happened to (may be related to the one asked for: a patient's bill).</param>
/// <param name="EntityId">That entity's id.</param>
/// <param name="Detail">A short, non-sensitive detail (a bill number, who signed).</param>
/// <param name="LogId">When the event is a delivery's outcome the domain recorded (a report received by a partner, or not): that delivery's log, so the timeline can say why it failed.</param>
/// <param name="Succeeded">That outcome: true delivered, false not; null for an event that is no delivery's outcome.</param>
public sealed record EntityEvent(DateTimeOffset At, string What, EntityKind Kind, long EntityId, string? Detail, string? LogId = null, bool? Succeeded = null);
