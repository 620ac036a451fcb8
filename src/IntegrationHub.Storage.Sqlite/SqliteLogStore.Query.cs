using System.Globalization;
using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

public sealed partial class SqliteLogStore
{
    public async Task<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, LogQuery.MaxLimit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = SqliteLogFilter.Where(command, query);
        if (LogCursor.TryParse(query.Cursor, out var cursorMs, out var cursorId))
        {
            where.Append(" AND (created_at < $cms OR (created_at = $cms AND id < $cid))");
            command.Parameters.AddWithValue("$cms", cursorMs);
            command.Parameters.AddWithValue("$cid", cursorId);
        }

        command.CommandText = $"SELECT {SqliteLogRows.SummaryColumns} FROM hub_log {where} ORDER BY created_at DESC, id DESC LIMIT {limit + 1}";
        var items = new List<LogSummary>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(SqliteLogRows.ReadSummary(reader));
            }
        }

        if (items.Count <= limit)
        {
            return new LogPage(items, null);
        }

        items.RemoveAt(limit);
        return new LogPage(items, LogCursor.Format(items[^1]));
    }

    public async Task<long> CountAsync(LogQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM hub_log {SqliteLogFilter.Where(command, query)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}

/// <summary>Keyset cursor: creation time in ms and id of the last row of a page.</summary>
internal static class LogCursor
{
    public static string Format(LogSummary last) =>
        $"{SqliteTime.ToMs(last.CreatedAt).ToString(CultureInfo.InvariantCulture)}_{last.Id}";

    public static bool TryParse(string? cursor, out long createdMs, out string id)
    {
        createdMs = 0;
        id = "";
        var separator = cursor?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (separator <= 0 || !long.TryParse(cursor.AsSpan(0, separator), CultureInfo.InvariantCulture, out createdMs))
        {
            return false;
        }

        id = cursor![(separator + 1)..];
        return true;
    }
}
