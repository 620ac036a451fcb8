using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// Wakes a waiting receive when tasks are added or moved: at once for work committed by this
/// process, and through <c>LISTEN hub_queue</c> for work committed by any other. The listening
/// connection is opened on the first wait and opened again after a drop (with a wake, since a
/// notification may have been missed); the transport's backstop bounds any wait regardless.
/// </summary>
public sealed class PostgreSqlQueueSignal : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly PostgreSqlListener _listener;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PostgreSqlQueueSignal(PostgreSqlHubDatabase database, ILogger<PostgreSqlQueueSignal>? logger = null) =>
        _listener = new PostgreSqlListener(database, "hub_queue", _ => Wake(), Wake, logger ?? NullLogger<PostgreSqlQueueSignal>.Instance);

    /// <summary>Completes at the next wake after this call.</summary>
    public Task NextAsync()
    {
        _listener.Start();
        lock (_gate)
        {
            return _next.Task;
        }
    }

    /// <summary>Wakes every waiting receive.</summary>
    public void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
