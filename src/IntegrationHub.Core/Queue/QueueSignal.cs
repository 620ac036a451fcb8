namespace IntegrationHub.Queue;

/// <summary>
/// Wakes the worker pool the moment work is committed, so pick-up has no poll-interval floor.
/// In-process only; other processes sharing a store are found by the pool's backstop poll.
/// </summary>
public sealed class QueueSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Wakes every waiter.</summary>
    public void Wake() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>A task that completes at the next <see cref="Wake"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
