namespace IntegrationHub.Logging;

/// <summary>
/// One integration's deliveries not yet ended: what the queue page shows. Counted from the logs
/// (a log is QUEUED from its commit until its attempt ends, RETRYING between attempts), so it is the
/// same on every backend and in every process.
/// </summary>
/// <param name="IntegrationId">The integration.</param>
/// <param name="IntegrationName">Its name, as its newest waiting log has it.</param>
/// <param name="Queued">Logs in <see cref="LogStatus.Queued"/>: waiting to be taken, or being sent now.</param>
/// <param name="Retrying">Logs in <see cref="LogStatus.Retrying"/>: waiting for their next attempt.</param>
/// <param name="OldestSince">When the oldest of them was created.</param>
/// <param name="NextRetryAt">The earliest next attempt among the retrying ones; null when none retries.</param>
public sealed record WaitingDeliveries(long IntegrationId, string? IntegrationName, long Queued, long Retrying, DateTimeOffset OldestSince, DateTimeOffset? NextRetryAt);
