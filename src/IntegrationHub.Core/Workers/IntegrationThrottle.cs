using IntegrationHub.Configuration;
using IntegrationHub.Hosting;
using IntegrationHub.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Workers;

/// <summary>
/// Throughput control in this process: at most <see cref="LabIntegration.MaxConcurrency"/>
/// deliveries of an integration in flight, at most <see cref="WorkerOptions.MaxWorkersPerLab"/> of one
/// lab (so one lab's slow partners cannot take every worker), and the integration's rate as its
/// partner sees it (<see cref="SendWindow"/>). The worker pool asks it how many tasks of each
/// integration it may lease; the dispatcher holds a send slot from the moment a request leaves
/// until its answer has been read.
/// </summary>
/// <remarks>
/// Written here rather than with System.Threading.RateLimiting: those limiters count permits when
/// they are taken, not until the answer arrives, replenish on their own timers and take no TimeProvider.
/// </remarks>
public sealed class IntegrationThrottle(TimeProvider time, IOptions<WorkerOptions> options) : IDeliveryThrottle
{
    // While every place of a window is held by a send still in flight, waiters look again this often.
    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(5);

    private readonly object _gate = new();
    private readonly Dictionary<long, Lane> _lanes = [];
    private readonly Dictionary<long, int> _labInFlight = [];

    /// <summary>Deliveries one lab may have in flight at once in this process.</summary>
    public int LabLimit => options.Value.LabLimit;

    /// <summary>
    /// How many more deliveries each known integration may start now (0 when blocked), and the
    /// earliest moment a rate-blocked one frees. Integrations not seen yet are not listed.
    /// </summary>
    public IReadOnlyDictionary<long, int> Capacity(DateTimeOffset now, out DateTimeOffset? nextUnblock)
    {
        nextUnblock = null;
        var capacity = new Dictionary<long, int>();
        lock (_gate)
        {
            foreach (var (id, lane) in _lanes)
            {
                var free = Math.Max(0, lane.MaxConcurrency - lane.InFlight);
                var labRoom = Math.Max(0, LabLimit - _labInFlight.GetValueOrDefault(lane.LabId));
                var rateRoom = lane.LeaseRoom(now);
                if (rateRoom == 0 && lane.LeaseWindowFreesAt(now) is { } until)
                {
                    nextUnblock = nextUnblock is null || until < nextUnblock ? until : nextUnblock;
                }

                capacity[id] = Math.Min(Math.Min(free, labRoom), rateRoom);
            }
        }

        return capacity;
    }

    /// <summary>
    /// Counts a leased delivery against its integration's and its lab's limits; false (nothing
    /// counted, the integration now known) when its lab is already at <see cref="LabLimit"/>.
    /// </summary>
    public bool TryEnter(LabIntegration integration, DateTimeOffset now)
    {
        lock (_gate)
        {
            var lane = LaneOf(integration);
            var lab = _labInFlight.GetValueOrDefault(integration.LabId);
            if (lab >= LabLimit)
            {
                return false;
            }

            _labInFlight[integration.LabId] = lab + 1;
            lane.InFlight++;
            lane.Leases.Enqueue(now);
            return true;
        }
    }

    /// <summary>Releases a leased delivery's concurrency slots.</summary>
    public void Exit(long integrationId)
    {
        lock (_gate)
        {
            if (_lanes.TryGetValue(integrationId, out var lane) && lane.InFlight > 0)
            {
                lane.InFlight--;
                if (_labInFlight.TryGetValue(lane.LabId, out var lab))
                {
                    _labInFlight[lane.LabId] = Math.Max(0, lab - 1);
                }
            }
        }
    }

    /// <summary>
    /// Waits until the integration's rate allows one more request to leave, and takes its place.
    /// Dispose the answer once the partner's answer has been read (or the send failed).
    /// </summary>
    public async Task<IDisposable> WaitToSendAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset? retryAt;
            lock (_gate)
            {
                var lane = LaneOf(integration);
                if (lane.Sends.TryTake(time.GetUtcNow(), out var slot, out retryAt))
                {
                    return new SlotRelease(this, slot!);
                }
            }

            var wait = retryAt is { } at ? at - time.GetUtcNow() : InFlightPoll;
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }

    private void End(SendSlot slot)
    {
        lock (_gate)
        {
            slot.EndedAt ??= time.GetUtcNow();
        }
    }

    private Lane LaneOf(LabIntegration integration)
    {
        if (!_lanes.TryGetValue(integration.Id, out var lane))
        {
            lane = new Lane();
            _lanes[integration.Id] = lane;
        }

        lane.Configure(integration.LabId, integration.MaxConcurrency, integration.RateLimitPerSecond);
        return lane;
    }

    private sealed class SlotRelease(IntegrationThrottle throttle, SendSlot slot) : IDisposable
    {
        public void Dispose() => throttle.End(slot);
    }

    private sealed class Lane
    {
        public long LabId { get; private set; }

        public int InFlight { get; set; }

        public int MaxConcurrency { get; private set; } = int.MaxValue;

        /// <summary>When each recent lease was taken: the pool leases no more than the rate lets leave.</summary>
        public Queue<DateTimeOffset> Leases { get; } = new();

        public SendWindow Sends { get; } = new();

        private int _perWindow;
        private TimeSpan _window;

        public void Configure(long labId, int maxConcurrency, double ratePerSecond)
        {
            LabId = labId;
            MaxConcurrency = maxConcurrency > 0 ? maxConcurrency : int.MaxValue;
            var rate = SendRate.Of(ratePerSecond);
            (_perWindow, _window) = (rate.PerWindow, rate.Window);
            Sends.Configure(_perWindow, _window);
        }

        public int LeaseRoom(DateTimeOffset now)
        {
            if (_perWindow == 0)
            {
                Leases.Clear();
                return int.MaxValue;
            }

            LeaseWindowFreesAt(now);
            return Math.Max(0, _perWindow - Leases.Count);
        }

        /// <summary>When the lease window is full, the moment it frees; else null.</summary>
        public DateTimeOffset? LeaseWindowFreesAt(DateTimeOffset now)
        {
            if (_perWindow == 0)
            {
                return null;
            }

            while (Leases.Count > 0 && Leases.Peek() + _window <= now)
            {
                Leases.Dequeue();
            }

            return Leases.Count >= _perWindow ? Leases.Peek() + _window : null;
        }
    }
}
