namespace IntegrationHub.Logging;

/// <summary>The logs created in one bucket of a volume series, counted by their current status.</summary>
/// <param name="Start">Where the bucket starts; it ends where the next one starts.</param>
/// <param name="Total">Every log created in the bucket, whatever its status (queued and retrying ones too).</param>
/// <param name="Success">Those now in <see cref="LogStatus.Success"/>.</param>
/// <param name="Fail">Those now in <see cref="LogStatus.Fail"/>.</param>
public sealed record VolumePoint(DateTimeOffset Start, long Total, long Success, long Fail);
