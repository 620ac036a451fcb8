using System.ComponentModel.DataAnnotations;
using IntegrationHub.Logging;

namespace IntegrationHub.Retries;

/// <summary>Bulk retry jobs, bound from the <c>IntegrationHub:BulkRetry</c> configuration section.</summary>
public sealed class BulkRetryOptions
{
    public const string Section = "IntegrationHub:BulkRetry";

    /// <summary>
    /// Most retries of one job queued and not yet ended at a time; the job takes further logs as
    /// they end, so live deliveries to the same partner never wait behind the whole job. Default: 100.
    /// </summary>
    [Range(1, LogQuery.MaxLimit)]
    public int Window { get; set; } = 100;

    /// <summary>
    /// How long a job stays with the process running it without news from that process (each of its
    /// writes renews it). A job whose process died is taken up by another process, or by the next
    /// start, once this has passed; a clean stop hands its jobs over at once. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
}
