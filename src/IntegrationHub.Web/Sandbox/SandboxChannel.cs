namespace IntegrationHub.Web.Sandbox;

/// <summary>One sandbox endpoint: its behaviour and the last requests it received. Changed only under the receiver's lock.</summary>
public sealed class SandboxChannel(string name)
{
    private readonly Queue<SandboxRequest> _requests = new();
    private int _received;
    private int _failuresLeft;

    public string Name { get; } = name;

    public SandboxBehavior Behavior { get; private set; } = new();

    public int Received => Volatile.Read(ref _received);

    internal int Count => _requests.Count;

    internal SandboxRequest? Oldest => _requests.TryPeek(out var oldest) ? oldest : null;

    public IReadOnlyList<SandboxRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Configure(SandboxBehavior behavior)
    {
        Behavior = behavior;
        Interlocked.Exchange(ref _failuresLeft, behavior.FailNext);
    }

    /// <summary>Records a request and decides the status to answer with.</summary>
    internal (int Status, int Sequence, SandboxRequest Kept) Record(SandboxRequest request)
    {
        var sequence = Interlocked.Increment(ref _received);
        var kept = request with { Sequence = sequence };
        lock (_requests)
        {
            _requests.Enqueue(kept);
        }

        var fail = Behavior.AlwaysFail || Interlocked.Decrement(ref _failuresLeft) >= 0;
        return (fail ? Behavior.FailStatus : 200, sequence, kept);
    }

    internal SandboxRequest? DropOldest()
    {
        lock (_requests)
        {
            return _requests.TryDequeue(out var oldest) ? oldest : null;
        }
    }

    /// <summary>Forgets every request; answers the bytes freed.</summary>
    internal long Clear()
    {
        lock (_requests)
        {
            var bytes = _requests.Sum(r => (long)r.Body.Length * sizeof(char));
            _requests.Clear();
            Interlocked.Exchange(ref _received, 0);
            return bytes;
        }
    }
}

/// <summary>How a sandbox channel answers: fail the next N requests (or all) with a status, after an optional delay.</summary>
public sealed record SandboxBehavior
{
    public int FailNext { get; init; }

    public bool AlwaysFail { get; init; }

    public int FailStatus { get; init; } = 503;

    public int DelayMs { get; init; }
}

public sealed record SandboxRequest(int Sequence, DateTimeOffset At, string Method, IReadOnlyDictionary<string, string> Headers, string Body);
