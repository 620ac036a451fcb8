namespace IntegrationHub.Lab.Web.Idempotency;

/// <summary>
/// One async lock per (lab, key) in flight in this process, so a repeat that arrives while the
/// first call is still running waits for its answer instead of meeting it on the unique
/// constraint. Entries live only while someone holds or waits for them.
/// </summary>
internal sealed class IdempotencyKeyLocks : IIdempotencyInFlight
{
    private readonly Dictionary<(long LabId, string Key), Entry> _entries = [];

    /// <summary>The key's lock, or null when another call held it for longer than <paramref name="wait"/>.</summary>
    public async Task<IDisposable?> TryEnterAsync(long labId, string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var id = (labId, key);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(id, out entry!))
            {
                _entries[id] = entry = new Entry();
            }

            entry.Users++;
        }

        var entered = false;
        try
        {
            entered = await entry.Gate.WaitAsync(wait, cancellationToken);
        }
        finally
        {
            if (!entered)
            {
                Leave(id, entry, release: false);
            }
        }

        return entered ? new Holder(this, id, entry) : null;
    }

    /// <summary>Whether a call with this key is running in this process now.</summary>
    public bool IsHeld(long labId, string key)
    {
        lock (_entries)
        {
            return _entries.TryGetValue((labId, key), out var entry) && entry.Gate.CurrentCount == 0;
        }
    }

    private void Leave((long, string) id, Entry entry, bool release)
    {
        lock (_entries)
        {
            if (release)
            {
                entry.Gate.Release();
            }

            if (--entry.Users == 0)
            {
                _entries.Remove(id);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(IdempotencyKeyLocks owner, (long, string) id, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Leave(id, entry, release: true);
            }
        }
    }
}
