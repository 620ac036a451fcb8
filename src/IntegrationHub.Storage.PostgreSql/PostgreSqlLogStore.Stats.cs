using IntegrationHub.Logging;

namespace IntegrationHub.Storage.PostgreSql;

public sealed partial class PostgreSqlLogStore
{
    /// <inheritdoc />
    public async Task<LogStats> GetStatsAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Whole hours inside the window come from the hourly roll-up; the partial hours at its edges
        // are counted from the logs themselves (an index range of at most two hours).
        var firstHour = CeilingHour(from);
        var endHour = FloorHour(to);
        await using var command = database.CreateCommand("").WithTime(from).WithTime(to).WithTime(firstHour).WithTime(endHour);
        var lab = LabScope(command, labIds);
        command.CommandText = firstHour < endHour
            ? $"""
                SELECT NULLIF(integration_id, 0), max(integration_name), action_id, max(action_name), status, sum(count)::bigint FROM hub_log_hourly
                WHERE hour >= $3 AND hour < $4{lab} GROUP BY integration_id, action_id, status
                UNION ALL
                SELECT integration_id, max(integration_name), action_id, max(action_name), status, count(*) FROM hub_log
                WHERE ((created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at < $2)){lab}
                GROUP BY integration_id, action_id, status
                """
            : $"""
                SELECT integration_id, max(integration_name), action_id, max(action_name), status, count(*) FROM hub_log
                WHERE created_at >= $1 AND created_at < $2 AND $3::timestamptz IS NOT NULL AND $4::timestamptz IS NOT NULL{lab}
                GROUP BY integration_id, action_id, status
                """;
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

    private static DateTimeOffset FloorHour(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    // The hour after the last one that starts before DateTimeOffset.MaxValue is no hour: that window's edge stays where it is.
    private static DateTimeOffset CeilingHour(DateTimeOffset at) =>
        at.UtcTicks % TimeSpan.TicksPerHour == 0 || DateTimeOffset.MaxValue.UtcTicks - FloorHour(at).UtcTicks < TimeSpan.TicksPerHour
            ? at.ToUniversalTime()
            : FloorHour(at).AddHours(1);
}
