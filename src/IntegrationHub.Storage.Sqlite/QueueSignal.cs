namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Wakes the worker pool the moment work is committed, so pick-up has no poll-interval floor.
/// In-process only; work of other processes sharing the file is found by the receive's backstop wait.
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
