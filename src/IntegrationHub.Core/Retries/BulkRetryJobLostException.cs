namespace IntegrationHub.Retries;

/// <summary>A run's write was refused: another process claimed the job, and this run stops.</summary>
internal sealed class BulkRetryJobLostException(string jobId) : Exception($"Bulk retry {jobId} was taken over by another process.");
