using IntegrationHub.Logging;

namespace IntegrationHub.Storage.Sqlite;

public sealed partial class SqliteLogStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// Buckets of whole hours read only the hourly roll-up: they start on a whole hour, so the roll-up
    /// counts them exactly, and 30 days cost a scan of 720 hours of counts however many logs there
    /// are. Finer buckets count the logs themselves over the creation-time index: fine for the
    /// minutes of the last hour or day, slow for long windows, which a chart should ask in hours.
    /// </remarks>
    public async Task<IReadOnlyList<VolumePoint>> GetVolumeAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        const long Hour = 3_600_000;
        var buckets = VolumeBuckets.Cover(from, to, bucket);
        if (buckets.Count == 0)
        {
            return [];
        }

        var (startMs, endMs) = (SqliteTime.ToMs(buckets.Start), SqliteTime.ToMs(buckets.End));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var lab = SqliteLogFilter.LabScope(command, labIds);
        var sizeMs = buckets.Size.Ticks / TimeSpan.TicksPerMillisecond;

        // Hours are summed in the roll-up's key order (no sort) and folded into buckets here; logs
        // are few enough at sub-hour sizes to group by bucket in SQLite.
        command.CommandText = buckets.WholeHours
            ? $"""
                SELECT hour * {Hour}, SUM(CASE WHEN action_id <> 0 THEN count ELSE 0 END), SUM(CASE WHEN action_id <> 0 AND status = 'Success' THEN count ELSE 0 END),
                    SUM(CASE WHEN action_id <> 0 AND status = 'Fail' THEN count ELSE 0 END), SUM(CASE WHEN action_id = 0 THEN count ELSE 0 END)
                FROM hub_log_hourly WHERE hour >= $start / {Hour} AND hour < $end / {Hour}{lab} GROUP BY hour
                """
            : $"""
                SELECT $start + (created_at - $start) / $size * $size, SUM(action_id <> 0), SUM(action_id <> 0 AND status = 'Success'), SUM(action_id <> 0 AND status = 'Fail'), SUM(action_id = 0)
                FROM hub_log WHERE created_at >= $start AND created_at < $end{lab} GROUP BY 1
                """;
        command.Parameters.AddWithValue("$start", startMs);
        command.Parameters.AddWithValue("$end", endMs);
        command.Parameters.AddWithValue("$size", sizeMs);
        var counts = new List<(long, long, long, long, long)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add(((reader.GetInt64(0) - startMs) / sizeMs, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
        }

        return buckets.Fold(counts);
    }
}
