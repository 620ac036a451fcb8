using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// One <c>LISTEN</c>ing connection for one channel, opened on <see cref="Start"/> and opened again
/// after a drop (with backoff up to 10 s). Each notification's payload goes to the handler; after
/// every (re)connection <paramref name="connected"/> is called, since notifications sent while no
/// one listened are lost.
/// </summary>
internal sealed partial class PostgreSqlListener(PostgreSqlHubDatabase database, string channel, Action<string> notified, Action connected, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private Task? _listening;

    /// <summary>Starts listening, once; later calls do nothing.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _listening ??= Task.Run(ListenAsync);
        }
    }

    private async Task ListenAsync()
    {
        var retry = TimeSpan.FromMilliseconds(200);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenListenerAsync(_stopping.Token);
                connection.Notification += (_, e) => notified(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stopping.Token);
                }

                connected();
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
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                LogListenFailed(e, channel, retry.TotalSeconds);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on channel {Channel} failed; trying again in {Seconds} s.")]
    private partial void LogListenFailed(Exception exception, string channel, double seconds);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task? listening;
        lock (_gate)
        {
            listening = _listening;
        }

        if (listening is not null)
        {
            await listening.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
