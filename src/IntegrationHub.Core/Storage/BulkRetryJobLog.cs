namespace IntegrationHub.Storage;

/// <summary>A log a bulk retry job has taken and not yet settled.</summary>
/// <param name="LogId">The log.</param>
/// <param name="Version">
/// The log's <see cref="Logging.LogState.Version"/> when it was taken. A job that resumes after a
/// crash retries a taken log only while its version is still this one: a changed version means the
/// retry was queued before the crash.
/// </param>
/// <param name="Queued">False: taken, its retry not yet known to be queued. True: its retry is queued and has not ended.</param>
public sealed record BulkRetryJobLog(string LogId, long Version, bool Queued);
