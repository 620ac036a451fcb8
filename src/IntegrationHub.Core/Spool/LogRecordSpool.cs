using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Spool;

/// <summary>
/// The second way of a log record the log store could not take (the store down, or, on a
/// single-writer store, the caller's own transaction still holding the database): a spool file,
/// written before the caller goes on, from which this service writes the record into the log store
/// as soon as it answers again, also after a restart. No execution is left unlogged, and delivery
/// never waits for the log store.
/// </summary>
/// <remarks>
/// The spool is a folder holding one JSON file per record, written under a temporary name,
/// flushed to disk and renamed, so a crash leaves the whole record or none. It is written by hand:
/// no served library keeps a small local durable backlog this simply. A record written twice (a
/// crash between the store's write and the delete) is harmless, since the store's writes of logs
/// and attempts are idempotent.
/// </remarks>
public sealed partial class LogRecordSpool(ILogStore logs, TimeProvider time, IOptions<SpoolOptions> options, ILogger<LogRecordSpool> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _spooled = new(0);

    private string Folder => Path.GetFullPath(options.Value.SpoolFolder);

    /// <summary>Spools a record the log store refused; returns once it is on disk.</summary>
    public async Task HandOffAsync(PendingLogRecord record)
    {
        await SpoolAsync(record);
        LogSpooled(logger, record.LogId);
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

    /// <summary>Writes every spooled record into the log store, oldest first; false when the store still refuses.</summary>
    private async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return true;
        }

        foreach (var file in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList())
        {
            PendingLogRecord record;
            try
            {
                record = HubJson.Deserialize<PendingLogRecord>(await File.ReadAllTextAsync(file, cancellationToken));
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
                await WriteAsync(record, cancellationToken);
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

    private async Task WriteAsync(PendingLogRecord record, CancellationToken cancellationToken)
    {
        if (record.Log is { } log)
        {
            await logs.CreateAsync(log, cancellationToken);
        }
        else if (record.Record is { } attempt)
        {
            // False when the log is unknown to the store: nothing to attach the attempt to, and never will be.
            if (!await logs.RecordAttemptAsync(attempt, cancellationToken))
            {
                LogOrphanAttempt(logger, record.LogId, attempt.Attempt);
            }
        }
    }

    private async Task SpoolAsync(PendingLogRecord record)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log record {LogId} waits in the spool until the log store takes it.")]
    private static partial void LogSpooled(ILogger logger, string logId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The log store found no log {LogId} for spooled attempt {Attempt}; the attempt is dropped.")]
    private static partial void LogOrphanAttempt(ILogger logger, string logId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The log store still refuses spooled log record {LogId}; trying again later.")]
    private static partial void LogStillRefused(ILogger logger, Exception e, string logId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The spool folder {Folder} cannot be read or written; trying again later.")]
    private static partial void LogSpoolUnreadable(ILogger logger, Exception e, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spooled log record {File} cannot be read; set aside as .unreadable.")]
    private static partial void LogUnreadable(ILogger logger, Exception e, string file);
}
