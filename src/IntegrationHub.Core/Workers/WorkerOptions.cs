using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Workers;

/// <summary>The worker pool's settings, bound from the <c>IntegrationHub</c> section.</summary>
public sealed class WorkerOptions
{
    public const string Section = "IntegrationHub";

    /// <summary>Deliveries in flight at once across all integrations. Default: 16.</summary>
    [Range(1, 512)]
    public int WorkerCount { get; set; } = 16;

    /// <summary>
    /// Most deliveries of one lab in flight at once in this process, so that one lab's slow or
    /// stalled partners always leave workers for the other labs. 0 (default): three quarters of
    /// <see cref="WorkerCount"/>, rounded up (12 of 16). Set it to <see cref="WorkerCount"/> on a hub
    /// that serves one lab.
    /// </summary>
    [Range(0, 512)]
    public int MaxWorkersPerLab { get; set; }

    /// <summary>
    /// Longest idle wait between queue checks. Work committed in this process wakes the pool at
    /// once; this only bounds how late work queued by another process is noticed. Default: 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan BackstopPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries one lab may have in flight at once in this process.</summary>
    public int LabLimit => MaxWorkersPerLab is > 0 and var limit ? limit : Math.Max(1, (int)Math.Ceiling(WorkerCount * 0.75));
}
