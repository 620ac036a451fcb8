using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// Wakes a waiting receive when tasks are added or moved: at once for work committed by this
/// process, and through <c>LISTEN hub_queue</c> for work committed by any other. The listening
/// connection is opened on the first wait and opened again after a drop (with a wake, since a
/// notification may have been missed); the transport's backstop bounds any wait regardless.
/// </summary>
public sealed partial class PostgreSqlQueueSignal(PostgreSqlHubDatabase database, ILogger<PostgreSqlQueueSignal>? logger = null) : IAsyncDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger<PostgreSqlQueueSignal>.Instance;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _listening;

    /// <summary>Completes at the next wake after this call.</summary>
    public Task NextAsync()
    {
        lock (_gate)
        {
            _listening ??= Task.Run(ListenAsync);
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

    private async Task ListenAsync()
    {
        var retry = TimeSpan.FromMilliseconds(200);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenListenerAsync(_stopping.Token);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand("LISTEN hub_queue", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stopping.Token);
                }

                // Anything committed while no one listened is looked for now.
                Wake();
                retry = TimeSpan.FromMilliseconds(200);
                while (!_stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(_stopping.Token);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                LogListenFailed(e, retry.TotalSeconds);
                try
                {
                    await Task.Delay(retry, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for queued work failed; trying again in {Seconds} s (the backstop poll still finds the work).")]
    private partial void LogListenFailed(Exception exception, double seconds);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listening is { } listening)
        {
            await listening.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
