using IntegrationHub.Hosting;
using IntegrationHub.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Logging;

/// <summary>
/// The second way of a log record the log store could not take: into the queue, whose worker
/// writes it once the store answers again (<see cref="Workers.OutboundDirectoryLogger.ApplyQueuedRecordAsync"/>).
/// When the queue cannot take it at once either (down as well, or the caller's own transaction
/// still holds the database), the record is written to a spool file, and this service moves it
/// into the queue as soon as the queue answers, also after a restart.
/// </summary>
/// <remarks>
/// The spool is a folder holding one JSON file per record, written under a temporary name,
/// flushed to disk and renamed, so a crash leaves the whole record or none. It is written by hand
/// because it only bridges a few seconds to the real queue; a record moved twice (a crash between
/// the enqueue and the delete) is harmless, since writing a record is idempotent.
/// </remarks>
public sealed partial class LogRecordRelay(IDispatchQueue queue, TimeProvider time, IOptions<HubOptions> options, ILogger<LogRecordRelay> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _spooled = new(0);

    private string Folder => Path.GetFullPath(options.Value.SpoolFolder);

    /// <summary>
    /// Hands a <see cref="DispatchTaskKind.LogRecord"/> task over. With <paramref name="queueNow"/> it
    /// tries the queue first; otherwise (the caller knows the database is held) it goes straight to
    /// the spool. Returns once the record is durable in one or the other.
    /// </summary>
    public async Task HandOffAsync(DispatchTask record, bool queueNow, CancellationToken cancellationToken)
    {
        if (queueNow)
        {
            try
            {
                await queue.EnqueueAsync(record, time.GetUtcNow(), cancellationToken);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogQueueRefused(logger, e, record.LogId);
            }
        }

        await SpoolAsync(record);
        _spooled.Release();
    }

    /// <summary>How many records wait in the spool.</summary>
    public int SpooledCount => Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*.json").Count() : 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                TimeSpan? wait = await TryDrainAsync(stoppingToken) ? null : backoff;
                backoff = wait is null ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));

                // Woken by a new record; after a failure, also by the backoff running out.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                if (wait is { } delay)
                {
                    timeout.CancelAfter(delay);
                }

                await _spooled.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // The backoff ran out (loop again), or the host is stopping: the loop ends quietly, so a
                // host that is disposed without a stop (its start failed) does not log the end as a fault.
            }
        }
    }

    /// <summary>Like <see cref="DrainAsync"/>, but a file system error is a failed round (tried again later), never the end of the service.</summary>
    private async Task<bool> TryDrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DrainAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSpoolUnreadable(logger, e, Folder);
            return false;
        }
    }

    /// <summary>Moves every spooled record into the queue; false when the queue still refuses.</summary>
    private async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return true;
        }

        foreach (var file in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList())
        {
            DispatchTask record;
            try
            {
                record = HubJson.Deserialize<DispatchTask>(await File.ReadAllTextAsync(file, cancellationToken));
            }
            catch (System.Text.Json.JsonException e)
            {
                // Kept aside, never deleted: an operator can still read it.
                LogUnreadable(logger, e, file);
                File.Move(file, file + ".unreadable", overwrite: true);
                continue;
            }

            try
            {
                await queue.EnqueueAsync(record, time.GetUtcNow(), cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogStillRefused(logger, e, record.LogId);
                return false;
            }

            File.Delete(file);
        }

        return true;
    }

    private async Task SpoolAsync(DispatchTask record)
    {
        OwnerOnlyFiles.CreateFolder(Folder);
        var name = $"{time.GetUtcNow().ToUnixTimeMilliseconds():D15}-{record.LogId}-{record.Record?.Attempt ?? 0}";
        var temporary = Path.Combine(Folder, name + ".tmp");
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 4096, Options = FileOptions.WriteThrough };
        await using (var stream = new FileStream(temporary, create.OwnerOnly()))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(HubJson.Serialize(record)));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Combine(Folder, name + ".json"), overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The queue refused log record {LogId}; it waits in the spool.")]
    private static partial void LogQueueRefused(ILogger logger, Exception e, string logId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The queue still refuses spooled log record {LogId}; trying again later.")]
    private static partial void LogStillRefused(ILogger logger, Exception e, string logId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The spool folder {Folder} cannot be read or written; trying again later.")]
    private static partial void LogSpoolUnreadable(ILogger logger, Exception e, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spooled log record {File} cannot be read; set aside as .unreadable.")]
    private static partial void LogUnreadable(ILogger logger, Exception e, string file);
}
