using IntegrationHub.Logging;

namespace IntegrationHub.Storage.PostgreSql;

public sealed partial class PostgreSqlLogStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Buckets of whole hours read only the hourly roll-up, which counts them exactly; finer buckets
    /// count the logs themselves over the creation-time index.
    /// </remarks>
    public async Task<IReadOnlyList<VolumePoint>> GetVolumeAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var buckets = VolumeBuckets.Cover(from, to, bucket);
        if (buckets.Count == 0)
        {
            return [];
        }

        var sizeMs = buckets.Size.Ticks / TimeSpan.TicksPerMillisecond;
        await using var command = database.CreateCommand("").WithTime(buckets.Start).WithTime(buckets.End).WithBigint(sizeMs);
        var lab = LabScope(command, labIds);

        // Each row's bucket index, in milliseconds from the first bucket's start.
        command.CommandText = buckets.WholeHours
            ? $"""
                SELECT (extract(epoch FROM hour - $1) * 1000)::bigint / $3, coalesce(sum(count) FILTER (WHERE action_id <> 0), 0)::bigint,
                    coalesce(sum(count) FILTER (WHERE action_id <> 0 AND status = 'Success'), 0)::bigint, coalesce(sum(count) FILTER (WHERE action_id <> 0 AND status = 'Fail'), 0)::bigint,
                    coalesce(sum(count) FILTER (WHERE action_id = 0), 0)::bigint
                FROM hub_log_hourly WHERE hour >= $1 AND hour < $2{lab} GROUP BY 1
                """
            : $"""
                SELECT floor(extract(epoch FROM created_at - $1) * 1000 / $3)::bigint, count(*) FILTER (WHERE action_id <> 0),
                    count(*) FILTER (WHERE action_id <> 0 AND status = 'Success'), count(*) FILTER (WHERE action_id <> 0 AND status = 'Fail'), count(*) FILTER (WHERE action_id = 0)
                FROM hub_log WHERE created_at >= $1 AND created_at < $2{lab} GROUP BY 1
                """;
        var counts = new List<(long, long, long, long, long)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
        }

        return buckets.Fold(counts);
    }
}
