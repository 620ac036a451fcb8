using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Queue;

/// <summary>How long a transport leases a task to a worker, bound from the <c>IntegrationHub</c> section.</summary>
public sealed class LeaseOptions
{
    public const string Section = "IntegrationHub";

    /// <summary>
    /// Added to twice a task's HTTP timeout to size its lease (time for a token fetch and the send).
    /// A task not finished within its lease is taken again. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With a transport that renews the leases of the tasks being worked on
    /// (<see cref="Storage.ILeaseRenewal"/>, PostgreSQL), how long a lease lasts unrenewed, whatever
    /// the task's timeout: a crashed worker's tasks are taken again within it. The worker pool
    /// renews every third of it. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "01:00:00")]
    public TimeSpan HeartbeatLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The lease of a task whose partner has <paramref name="timeoutSeconds"/> to answer.</summary>
    public TimeSpan LeaseFor(int timeoutSeconds) => TimeSpan.FromSeconds(2 * Math.Max(1, timeoutSeconds)) + LeaseMargin;
}
