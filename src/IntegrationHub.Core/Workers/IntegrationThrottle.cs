using IntegrationHub.Configuration;

namespace IntegrationHub.Workers;

/// <summary>
/// Per-integration throughput control: at most <see cref="LabIntegration.MaxConcurrency"/> deliveries
/// in flight, and at most the configured rate of sends in any sliding window. The worker pool asks
/// it how many tasks of each integration it may lease; the dispatcher passes its send gate right
/// before each request, so the limit holds on actual send times.
/// </summary>
/// <remarks>
/// Written here rather than with System.Threading.RateLimiting: those limiters replenish on their
/// own timers (so two sends can straddle a replenishment) and do not take a TimeProvider.
/// </remarks>
public sealed class IntegrationThrottle(TimeProvider time)
{
    // Partners count on their own clocks; a small guard band keeps network jitter from making a
    // compliant sender look too fast on their side.
    private const double GuardFraction = 0.02;
    private readonly object _gate = new();
    private readonly Dictionary<long, Lane> _lanes = [];

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
                var free = lane.MaxConcurrency == int.MaxValue ? int.MaxValue : Math.Max(0, lane.MaxConcurrency - lane.InFlight);
                var rateRoom = lane.RoomInWindow(lane.Leases, now);
                if (rateRoom == 0 && lane.WindowFullUntil(lane.Leases, now) is { } until)
                {
                    nextUnblock = nextUnblock is null || until < nextUnblock ? until : nextUnblock;
                }

                capacity[id] = Math.Min(free, rateRoom);
            }
        }

        return capacity;
    }

    /// <summary>Counts a leased delivery against its integration's limits.</summary>
    public void Enter(LabIntegration integration, DateTimeOffset now)
    {
        lock (_gate)
        {
            var lane = LaneOf(integration);
            lane.InFlight++;
            lane.Leases.Enqueue(now);
        }
    }

    /// <summary>Releases a leased delivery's concurrency slot.</summary>
    public void Exit(long integrationId)
    {
        lock (_gate)
        {
            if (_lanes.TryGetValue(integrationId, out var lane) && lane.InFlight > 0)
            {
                lane.InFlight--;
            }
        }
    }

    /// <summary>Waits until the integration's rate allows one more send, and counts it.</summary>
    public async Task WaitToSendAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset until;
            lock (_gate)
            {
                var lane = LaneOf(integration);
                var now = time.GetUtcNow();
                if (lane.WindowFullUntil(lane.Sends, now) is not { } full)
                {
                    lane.Sends.Enqueue(now);
                    return;
                }

                until = full;
            }

            await Task.Delay(until - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }

    private Lane LaneOf(LabIntegration integration)
    {
        if (!_lanes.TryGetValue(integration.Id, out var lane))
        {
            lane = new Lane();
            _lanes[integration.Id] = lane;
        }

        lane.Configure(integration.MaxConcurrency, integration.RateLimitPerSecond);
        return lane;
    }

    private sealed class Lane
    {
        public int InFlight { get; set; }

        public int MaxConcurrency { get; private set; } = int.MaxValue;

        public Queue<DateTimeOffset> Leases { get; } = new();

        public Queue<DateTimeOffset> Sends { get; } = new();

        private int _perWindow;
        private TimeSpan _window;

        public void Configure(int maxConcurrency, double ratePerSecond)
        {
            MaxConcurrency = maxConcurrency > 0 ? maxConcurrency : int.MaxValue;
            if (ratePerSecond <= 0)
            {
                _perWindow = 0;
                return;
            }

            // Below 1/s the window stretches so that one send per 1/rate seconds is allowed.
            var seconds = Math.Max(1, 1 / ratePerSecond);
            _perWindow = Math.Max(1, (int)Math.Floor(ratePerSecond * seconds));
            _window = TimeSpan.FromSeconds(seconds * (1 + GuardFraction));
        }

        /// <summary>How many more starts the window over <paramref name="starts"/> allows now.</summary>
        public int RoomInWindow(Queue<DateTimeOffset> starts, DateTimeOffset now)
        {
            if (_perWindow == 0)
            {
                return int.MaxValue;
            }

            WindowFullUntil(starts, now);
            return Math.Max(0, _perWindow - starts.Count);
        }

        /// <summary>When the window over <paramref name="starts"/> is full, the moment it frees; else null.</summary>
        public DateTimeOffset? WindowFullUntil(Queue<DateTimeOffset> starts, DateTimeOffset now)
        {
            if (_perWindow == 0)
            {
                starts.Clear();
                return null;
            }

            while (starts.Count > 0 && starts.Peek() + _window <= now)
            {
                starts.Dequeue();
            }

            return starts.Count >= _perWindow ? starts.Peek() + _window : null;
        }
    }
}
