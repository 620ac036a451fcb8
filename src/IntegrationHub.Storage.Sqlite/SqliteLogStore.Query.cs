using System.Globalization;
using System.Text;
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
        var where = new StringBuilder("WHERE 1 = 1");
        void Filter<T>(T? value, string column) where T : struct
        {
            if (value is { } v)
            {
                var name = "$" + column;
                where.Append(CultureInfo.InvariantCulture, $" AND {column} = {name}");
                command.Parameters.AddWithValue(name, v is Enum e ? e.ToString() : v);
            }
        }

        Filter(query.LabId, "lab_id");
        Filter(query.ActionId, "action_id");
        Filter(query.IntegrationId, "integration_id");
        Filter(query.Status, "status");
        Filter(query.Direction, "direction");
        Filter(query.PatientId, "patient_id");
        Filter(query.BillId, "bill_id");
        Filter(query.SampleId, "sample_id");
        Filter(query.ReportId, "report_id");
        if (!string.IsNullOrEmpty(query.Vendor))
        {
            where.Append(" AND vendor = $vendor");
            command.Parameters.AddWithValue("$vendor", query.Vendor);
        }

        if (query.From is { } from)
        {
            where.Append(" AND created_at >= $from");
            command.Parameters.AddWithValue("$from", SqliteTime.ToMs(from));
        }

        if (query.To is { } to)
        {
            where.Append(" AND created_at < $to");
            command.Parameters.AddWithValue("$to", SqliteTime.ToMs(to));
        }

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

    public async Task<LogStats> GetStatsAsync(long? labId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Whole hours inside the window come from the hourly roll-up; the partial hours at its
        // edges are counted from the logs themselves (an index range of at most two hours).
        const long Hour = 3_600_000;
        var (fromMs, toMs) = (SqliteTime.ToMs(from), SqliteTime.ToMs(to));
        var firstHour = (fromMs + Hour - 1) / Hour;
        var endHour = toMs / Hour;
        var lab = labId is null ? "" : "AND lab_id = $lab";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = firstHour < endHour
            ? $"""
                SELECT NULLIF(integration_id, 0), MAX(integration_name), action_id, MAX(action_name), status, SUM(count) FROM hub_log_hourly
                WHERE hour >= $firstHour AND hour < $endHour {lab} GROUP BY integration_id, action_id, status
                UNION ALL
                SELECT integration_id, MAX(integration_name), action_id, MAX(action_name), status, COUNT(*) FROM hub_log
                WHERE ((created_at >= $from AND created_at < $firstHour * {Hour}) OR (created_at >= $endHour * {Hour} AND created_at < $to)) {lab}
                GROUP BY integration_id, action_id, status
                """
            : $"""
                SELECT integration_id, MAX(integration_name), action_id, MAX(action_name), status, COUNT(*) FROM hub_log
                WHERE created_at >= $from AND created_at < $to {lab} GROUP BY integration_id, action_id, status
                """;
        command.Parameters.AddWithValue("$from", fromMs);
        command.Parameters.AddWithValue("$to", toMs);
        command.Parameters.AddWithValue("$firstHour", firstHour);
        command.Parameters.AddWithValue("$endHour", endHour);
        if (labId is { } id)
        {
            command.Parameters.AddWithValue("$lab", id);
        }

        var rows = new List<StatsRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt64(5);
                if (count == 0)
                {
                    continue;
                }

                rows.Add(new StatsRow(
                    reader.IsDBNull(0) ? null : reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetInt32(2),
                    reader.GetString(3),
                    Enum.Parse<LogStatus>(reader.GetString(4)),
                    count));
            }
        }

        return StatsRow.Aggregate(rows, from, to);
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
