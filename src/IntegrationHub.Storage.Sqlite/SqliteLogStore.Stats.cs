using IntegrationHub.Logging;

namespace IntegrationHub.Storage.Sqlite;

public sealed partial class SqliteLogStore
{
    public async Task<LogStats> GetStatsAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Whole hours inside the window come from the hourly roll-up; the partial hours at its
        // edges are counted from the logs themselves (an index range of at most two hours).
        const long Hour = 3_600_000;
        var (fromMs, toMs) = (SqliteTime.ToMs(from), SqliteTime.ToMs(to));
        var firstHour = (fromMs + Hour - 1) / Hour;
        var endHour = toMs / Hour;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var lab = SqliteLogFilter.LabScope(command, labIds);
        command.CommandText = firstHour < endHour
            ? $"""
                SELECT NULLIF(integration_id, 0), MAX(integration_name), action_id, MAX(action_name), status, SUM(count) FROM hub_log_hourly
                WHERE hour >= $firstHour AND hour < $endHour{lab} GROUP BY integration_id, action_id, status
                UNION ALL
                SELECT integration_id, MAX(integration_name), action_id, MAX(action_name), status, COUNT(*) FROM hub_log
                WHERE ((created_at >= $from AND created_at < $firstHour * {Hour}) OR (created_at >= $endHour * {Hour} AND created_at < $to)){lab}
                GROUP BY integration_id, action_id, status
                """
            : $"""
                SELECT integration_id, MAX(integration_name), action_id, MAX(action_name), status, COUNT(*) FROM hub_log
                WHERE created_at >= $from AND created_at < $to{lab}
                GROUP BY integration_id, action_id, status
                """;
        command.Parameters.AddWithValue("$from", fromMs);
        command.Parameters.AddWithValue("$to", toMs);
        command.Parameters.AddWithValue("$firstHour", firstHour);
        command.Parameters.AddWithValue("$endHour", endHour);
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
