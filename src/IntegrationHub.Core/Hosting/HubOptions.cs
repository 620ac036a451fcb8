using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Hosting;

/// <summary>Engine settings, bound from the <c>IntegrationHub</c> configuration section.</summary>
public sealed class HubOptions
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
    /// Longest silence allowed while a partner's (or a token endpoint's) answer is read; the whole
    /// exchange, body included, ends within the integration's timeout besides. Default: 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan IdleReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest token endpoint answer read, in bytes; a larger one fails the attempt. Default: 64 KiB.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxTokenAnswerBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Added to twice a task's HTTP timeout to size its lease (time for a token fetch and the send).
    /// A task not finished within its lease is taken again. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest idle wait between queue checks. Work committed in this process wakes the pool at
    /// once; this only bounds how late work queued by another process is noticed. Default: 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan BackstopPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest request or response body kept in a log, in bytes; longer ones are cut and flagged. Default: 64 KiB.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxLoggedBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Folder where a log record waits when neither the log store nor the queue can take it at
    /// once (both down, or the caller's transaction still holds the database); drained into the
    /// queue as soon as it answers. Default: <c>spool</c> under the working directory; the server
    /// puts it under its data folder.
    /// </summary>
    public string SpoolFolder { get; set; } = "spool";
}
