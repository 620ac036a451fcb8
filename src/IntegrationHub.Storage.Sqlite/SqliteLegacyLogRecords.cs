using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Until log records got the spool as their one second way, a record the log store refused could
/// wait in <c>hub_queue</c> as a <c>LogRecord</c> task. A file written by such a version may still
/// hold some: at start they are written into the log store and removed, in one transaction, so the
/// transport only ever carries deliveries.
/// </summary>
internal static class SqliteLegacyLogRecords
{
    public static async Task MoveIntoLogStoreAsync(SqliteConnection connection, DateTimeOffset now)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT id, task FROM hub_queue WHERE kind = 'LogRecord' ORDER BY id";
        var records = new List<(long Id, string Json)>();
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                records.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        if (records.Count == 0)
        {
            return;
        }

        foreach (var (id, json) in records)
        {
            // The old task's JSON names its halves as a pending record does.
            var record = HubJson.Deserialize<PendingLogRecord>(json);
            if (record.Log is { } log)
            {
                await SqliteLogStore.CreateAsync(connection, transaction, log, CancellationToken.None);
            }
            else if (record.Record is { } attempt)
            {
                using var statements = new SqliteStatementCache(connection);
                await new SqliteAttemptWriter(statements, transaction).WriteAsync(new PreparedAttempt(attempt, now), CancellationToken.None);
            }

            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM hub_queue WHERE id = $id";
            delete.Parameters.AddWithValue("$id", id);
            await delete.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
