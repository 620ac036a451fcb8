using IntegrationHub.Queue;

namespace IntegrationHub.Storage;

/// <summary>
/// A transport whose leases are short and renewed while their tasks are worked on (a heartbeat),
/// so a crashed worker's tasks are taken again within <see cref="LeaseOptions.HeartbeatLease"/>
/// rather than after the longest send could take. A transport without it sizes each lease by its
/// task's timeout (<see cref="LeaseOptions.LeaseFor"/>). The worker pool renews every lease it
/// holds every <see cref="RenewEvery"/>.
/// </summary>
public interface ILeaseRenewal
{
    /// <summary>How often the leases held must be renewed.</summary>
    TimeSpan RenewEvery { get; }

    /// <summary>
    /// Extends each lease still held under its token by a whole lease from now; a lease another
    /// worker took meanwhile is left alone. Returns how many were extended.
    /// </summary>
    /// <param name="leases">The leases this worker holds.</param>
    /// <param name="cancellationToken">Abandons the renewal (the leases then lapse on time).</param>
    Task<int> RenewAsync(IReadOnlyCollection<LeasedTask> leases, CancellationToken cancellationToken);
}
