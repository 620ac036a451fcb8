using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file in the background, on a connection of
/// its own, after writes and at most once per <see cref="SqliteHubOptions.CheckpointIntervalMs"/>.
/// SQLite's own automatic checkpoint runs inside the commit that crosses its threshold, holding the
/// process's one write gate through a copy and two fsyncs while every other writer waits; a
/// PASSIVE checkpoint here runs beside the writer instead. The writer connections keep a far
/// automatic threshold as a backstop (see <see cref="SqliteHubDatabase"/>).
/// </summary>
internal sealed class SqliteCheckpointer(SqliteHubDatabase database, IOptions<SqliteHubOptions> options, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.CheckpointIntervalMs);
        if (interval <= TimeSpan.Zero || database.File is null)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await database.WrittenSinceCheckpoint.WaitAsync(stoppingToken);
                await CheckpointAsync(stoppingToken);
                await Task.Delay(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckpointAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(stoppingToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await command.ExecuteNonQueryAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The next write asks again; meanwhile the writers' own threshold bounds the log.
            logger.LogWarning(e, "Background checkpoint of the hub database failed.");
        }
    }
}
