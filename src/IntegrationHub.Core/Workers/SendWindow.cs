namespace IntegrationHub.Workers;

/// <summary>
/// The rate limit of one integration as its partner sees it. A send holds its place in the window
/// from the moment it leaves until its answer has arrived, plus the window: the partner received
/// the request somewhere in between, so any N + 1 requests it counts span at least one window,
/// however the network or this machine's load shifts each one. Sends are also paced (one every
/// window / N) rather than let out in bursts. Not thread-safe: the throttle holds its lock.
/// </summary>
internal sealed class SendWindow
{
    private readonly List<SendSlot> _slots = [];
    private int _perWindow;
    private TimeSpan _window;
    private DateTimeOffset? _lastStart;

    public void Configure(int perWindow, TimeSpan window)
    {
        _perWindow = perWindow;
        _window = window;
        if (perWindow == 0)
        {
            _slots.Clear();
            _lastStart = null;
        }
    }

    /// <summary>Takes a place for a send starting now, or answers when to ask again (null: when a send in flight ends).</summary>
    public bool TryTake(DateTimeOffset now, out SendSlot? slot, out DateTimeOffset? retryAt)
    {
        slot = null;
        retryAt = null;
        if (_perWindow == 0)
        {
            slot = new SendSlot(now);
            return true;
        }

        _slots.RemoveAll(s => s.FreesAt(_window) <= now);
        var pace = _lastStart is { } last ? last + _window / _perWindow : now;
        if (_slots.Count >= _perWindow)
        {
            retryAt = _slots.Where(s => s.EndedAt is not null).Select(s => s.FreesAt(_window)).DefaultIfEmpty(DateTimeOffset.MaxValue).Min() is var free && free != DateTimeOffset.MaxValue
                ? Max(free, pace)
                : null;
            return false;
        }

        if (pace > now)
        {
            retryAt = pace;
            return false;
        }

        slot = new SendSlot(now);
        _slots.Add(slot);
        _lastStart = now;
        return true;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
