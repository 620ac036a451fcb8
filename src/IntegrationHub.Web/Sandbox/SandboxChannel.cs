using System.Collections.Concurrent;

namespace IntegrationHub.Web.Sandbox;

/// <summary>One sandbox endpoint: its behaviour and the last requests it received.</summary>
public sealed class SandboxChannel(string name)
{
    private const int Kept = 500;
    private readonly ConcurrentQueue<SandboxRequest> _requests = new();
    private int _received;
    private int _failuresLeft;

    public string Name { get; } = name;

    public SandboxBehavior Behavior { get; private set; } = new();

    public int Received => _received;

    public IReadOnlyList<SandboxRequest> Requests => [.. _requests];

    public void Configure(SandboxBehavior behavior)
    {
        Behavior = behavior;
        Interlocked.Exchange(ref _failuresLeft, behavior.FailNext);
    }

    /// <summary>Records a request and decides the status to answer with.</summary>
    public (int Status, int Sequence) Record(SandboxRequest request)
    {
        var sequence = Interlocked.Increment(ref _received);
        _requests.Enqueue(request with { Sequence = sequence });
        while (_requests.Count > Kept && _requests.TryDequeue(out _))
        {
        }

        var fail = Behavior.AlwaysFail || Interlocked.Decrement(ref _failuresLeft) >= 0;
        return (fail ? Behavior.FailStatus : 200, sequence);
    }

    public void Clear()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _received, 0);
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
