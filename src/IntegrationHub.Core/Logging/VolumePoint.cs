namespace IntegrationHub.Logging;

/// <summary>
/// The logs created in one bucket of a volume series, counted by their current status. Deliveries
/// (outbound logs, every action but 0) and inbound calls (action 0) are counted apart, so a chart
/// of deliveries shows their failure rate, not one diluted by calls that always succeed.
/// </summary>
/// <param name="Start">Where the bucket starts; it ends where the next one starts.</param>
/// <param name="Total">Every delivery created in the bucket, whatever its status (queued and retrying ones too).</param>
/// <param name="Success">Those deliveries now in <see cref="LogStatus.Success"/>.</param>
/// <param name="Fail">Those deliveries now in <see cref="LogStatus.Fail"/>.</param>
/// <param name="Inbound">Inbound calls logged in the bucket, whatever their status.</param>
public sealed record VolumePoint(DateTimeOffset Start, long Total, long Success, long Fail, long Inbound = 0);
