using System.Globalization;
using IntegrationHub.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

public sealed partial class MongoDbLogStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Counted from the logs themselves over the creation-time index, grouped by the one key each
    /// log keeps for it ("integration|action|status"), so the counts are exact whatever the window.
    /// </remarks>
    public async Task<LogStats> GetStatsAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var groups = await database.Logs.Aggregate()
            .Match(Created(from.UtcTicks, to.UtcTicks, labIds))
            .Group(new BsonDocument
            {
                { "_id", "$" + LogFields.StatsKey },
                { "count", new BsonDocument("$sum", 1) },
                { "integrationName", new BsonDocument("$first", "$" + LogFields.IntegrationName) },
                { "actionName", new BsonDocument("$first", "$" + LogFields.ActionName) },
            })
            .ToListAsync(cancellationToken);
        var rows = groups.Select(g =>
        {
            var key = g["_id"].AsString.Split('|');
            var integrationId = long.Parse(key[0], CultureInfo.InvariantCulture);
            return new StatsRow(
                integrationId == 0 ? null : integrationId,
                g["integrationName"].IsString ? g["integrationName"].AsString : null,
                int.Parse(key[1], CultureInfo.InvariantCulture),
                g["actionName"].IsString ? g["actionName"].AsString : "",
                Enum.Parse<LogStatus>(key[2]),
                g["count"].ToInt64());
        });
        return StatsRow.Aggregate(rows, from, to);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Buckets of whole hours group by each log's hour key, buckets of whole minutes that start on
    /// a minute by its minute key; any other bucket reads the logs' creation times in the window.
    /// </remarks>
    public async Task<IReadOnlyList<VolumePoint>> GetVolumeAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var buckets = VolumeBuckets.Cover(from, to, bucket);
        if (buckets.Count == 0)
        {
            return [];
        }

        var start = buckets.Start.UtcTicks;
        var size = buckets.Size.Ticks;
        var window = Created(start, buckets.End.UtcTicks, labIds);
        string? key = buckets.WholeHours ? LogFields.HourKey
            : size % TimeSpan.TicksPerMinute == 0 && start % TimeSpan.TicksPerMinute == 0 ? LogFields.MinuteKey
            : null;
        var counts = new List<(long Index, long Total, long Success, long Fail, long Inbound)>();
        if (key is not null)
        {
            var groups = await database.Logs.Aggregate().Match(window)
                .Group(new BsonDocument { { "_id", "$" + key }, { "count", new BsonDocument("$sum", 1) } })
                .ToListAsync(cancellationToken);
            foreach (var group in groups)
            {
                var parts = group["_id"].AsString.Split('|');
                var inbound = parts.Length > 2 && parts[2] == LogFields.InboundKey;
                counts.Add(Count(long.Parse(parts[0], CultureInfo.InvariantCulture), Enum.Parse<LogStatus>(parts[1]), inbound, group["count"].ToInt64()));
            }
        }
        else
        {
            var logs = await database.Logs.Aggregate().Match(window)
                .Project(Builders<BsonDocument>.Projection.Include(LogFields.CreatedTicks).Include(LogFields.Status).Include(LogFields.ActionId))
                .ToListAsync(cancellationToken);
            counts.AddRange(logs.Select(l => Count(l[LogFields.CreatedTicks].ToInt64(), Enum.Parse<LogStatus>(l[LogFields.Status].AsString), l[LogFields.ActionId].ToInt64() == 0, 1)));
        }

        return buckets.Fold(counts);

        (long, long, long, long, long) Count(long ticks, LogStatus status, bool inbound, long count) => inbound
            ? ((ticks - start) / size, 0, 0, 0, count)
            : ((ticks - start) / size, count, status == LogStatus.Success ? count : 0, status == LogStatus.Fail ? count : 0, 0);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ErrorSignatureCount>> GetErrorSignaturesAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // Newest first within each signature, so each group's first log is its latest example.
        var groups = await database.Logs.Aggregate()
            .Match(Created(from.UtcTicks, to.UtcTicks, labIds) & Filter.Eq(LogFields.Status, nameof(LogStatus.Fail)) & Filter.Exists(LogFields.ErrorSignature))
            .Sort(Builders<BsonDocument>.Sort.Descending(LogFields.UpdatedTicks).Descending(LogFields.Id))
            .Group(new BsonDocument
            {
                { "_id", "$" + LogFields.ErrorSignature },
                { "count", new BsonDocument("$sum", 1) },
                { "lastTicks", new BsonDocument("$first", "$" + LogFields.UpdatedTicks) },
                { "logId", new BsonDocument("$first", "$" + LogFields.Id) },
                { "errorClass", new BsonDocument("$first", "$" + LogFields.ErrorClass) },
                { "httpStatus", new BsonDocument("$first", "$" + LogFields.HttpStatus) },
            })
            .ToListAsync(cancellationToken);
        return [.. groups
            .Select(g => new ErrorSignatureCount(
                g["_id"].AsString,
                Enum.Parse<ErrorClass>(g["errorClass"].AsString),
                g["httpStatus"].IsNumeric ? (int)g["httpStatus"].ToInt64() : null,
                g["count"].ToInt64(),
                new DateTimeOffset(g["lastTicks"].ToInt64(), TimeSpan.Zero),
                g["logId"].AsString))
            .OrderByDescending(s => s.Count).ThenByDescending(s => s.LastSeen).ThenBy(s => s.Signature, StringComparer.Ordinal)
            .Take(limit)];
    }

    // The logs of labIds (null: every lab) created in [fromTicks, toTicks).
    private static FilterDefinition<BsonDocument> Created(long fromTicks, long toTicks, IReadOnlyCollection<long>? labIds)
    {
        var window = Filter.Gte(LogFields.CreatedTicks, fromTicks) & Filter.Lt(LogFields.CreatedTicks, toTicks);
        return LabScope(labIds) is { } scope ? window & scope : window;
    }
}
