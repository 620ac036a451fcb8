using IntegrationHub.Configuration;

namespace IntegrationHub.Storage;

/// <summary>
/// Throughput control: how many deliveries of each integration may be taken, the concurrency each
/// one holds while it is sent, and the pacing of its sends to the partner's rate.
/// </summary>
/// <remarks>
/// <para>
/// The default, <see cref="Workers.IntegrationThrottle"/>, counts in this process only: with N
/// processes on one storage a partner would see N times its limits. A backend shared by several
/// processes (<see cref="StorageCapabilities.SharesStateAcrossProcesses"/>) registers its own in its
/// <c>UseX()</c> (the last registration wins over the engine's default), and that implementation must:
/// </para>
/// <list type="bullet">
/// <item>hold <see cref="LabIntegration.MaxConcurrency"/> and <see cref="LabIntegration.RateLimitPerSecond"/>
/// for the whole cluster, as the partner measures them (a place in the rate window is held from the
/// moment a request leaves until its answer has been read, plus the window);</item>
/// <item>free what a crashed process held, by itself, within a bound of its own (leases that
/// lapse, not sessions a crash leaves open);</item>
/// <item>never block a caller without bound: <see cref="WaitToSendAsync"/> honours its token.</item>
/// </list>
/// </remarks>
public interface IDeliveryThrottle
{
    /// <summary>
    /// How many more deliveries each known integration may start now (0 when blocked), and the
    /// earliest moment a rate-blocked one frees. Integrations not seen yet are not listed.
    /// </summary>
    IReadOnlyDictionary<long, int> Capacity(DateTimeOffset now, out DateTimeOffset? nextUnblock);

    /// <summary>
    /// Counts a taken delivery against its integration's and its lab's limits; false (nothing
    /// counted, the integration now known) when its lab is already at its share of the workers.
    /// </summary>
    bool TryEnter(LabIntegration integration, DateTimeOffset now);

    /// <summary>Releases what <see cref="TryEnter"/> counted, once the delivery's exchange with the partner has ended.</summary>
    void Exit(long integrationId);

    /// <summary>
    /// Waits until the integration's rate allows one more request to leave, and takes its place.
    /// Dispose the answer once the partner's answer has been read (or the send failed).
    /// </summary>
    Task<IDisposable> WaitToSendAsync(LabIntegration integration, CancellationToken cancellationToken);
}
