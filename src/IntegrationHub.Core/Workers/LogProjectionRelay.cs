using System.ComponentModel.DataAnnotations;
using IntegrationHub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Workers;

/// <summary>
/// Keeps a log store on another engine up to date with the storage's logs: reads the storage's
/// notes of changed logs (<see cref="ILogChangeFeed"/>), writes each changed log to the projection,
/// and removes the notes only once every log of the batch is written. When the projection's engine
/// is down, the notes wait in the storage (deliveries and business calls go on) and the relay tries
/// again with a growing pause; what changed meanwhile lands once it answers. Several relays (one
/// per process) may run: a projection's writes are idempotent and ordered by version.
/// </summary>
/// <remarks>
/// The relay's pauses and its lag are wall-clock time, never the hub's <see cref="TimeProvider"/>:
/// its cadence is plumbing, and the notes are stamped by the storage's own clock.
/// </remarks>
public sealed partial class LogProjectionRelay(
    ILogChangeFeed feed, ILogProjection projection, IOptions<LogRelayOptions> options, ILogger<LogProjectionRelay> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>From the oldest note of the last batch written to the moment it was written; null before the first.</summary>
    public TimeSpan? LastLag { get; private set; }

    /// <summary>Logs written to the projection since the start.</summary>
    public long Projected => Interlocked.Read(ref _projected);

    private long _projected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan pause;
            try
            {
                var full = await RelayOnceAsync(settings.BatchSize, stoppingToken);
                backoff = TimeSpan.FromMilliseconds(100);
                pause = full ? TimeSpan.Zero : settings.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The type only: a driver's message may carry the server's address and more.
                LogRelayFailed(logger, e.GetType().Name, backoff.TotalMilliseconds);
                pause = backoff;
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }

            if (pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Relays one batch; true when it was full (more may wait).</summary>
    public async Task<bool> RelayOnceAsync(int max, CancellationToken cancellationToken)
    {
        var batch = await feed.ReadAsync(max, cancellationToken);
        if (batch.Notes.Count == 0)
        {
            return false;
        }

        try
        {
            foreach (var snapshot in batch.Logs)
            {
                await projection.ProjectAsync(snapshot, cancellationToken);
                Interlocked.Increment(ref _projected);
            }
        }
        catch
        {
            // Given back for the next pass, of this relay or another; a release that fails too lapses.
            try
            {
                await feed.ReleaseAsync(batch, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReleaseFailed(logger, e.GetType().Name);
            }

            throw;
        }

        await feed.CompleteAsync(batch, cancellationToken);
        if (batch.OldestNotedAt is { } noted)
        {
            LastLag = DateTimeOffset.UtcNow - noted;
        }

        return batch.Notes.Count >= max;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of log change notes could not be given back ({Error}); its notes come back when their claim lapses.")]
    private static partial void LogReleaseFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The log projection did not take a batch ({Error}); the changes wait in the storage, tried again in {DelayMs} ms.")]
    private static partial void LogRelayFailed(ILogger logger, string error, double delayMs);
}

/// <summary>How the relay to a log store on another engine reads and waits.</summary>
public sealed class LogRelayOptions
{
    /// <summary>The most change notes one batch takes. Default: 256.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>How long the relay waits before looking again when nothing changed. Default: 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
