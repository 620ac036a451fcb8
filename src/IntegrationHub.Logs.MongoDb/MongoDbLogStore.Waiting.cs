using IntegrationHub.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

public sealed partial class MongoDbLogStore
{
    /// <summary>The most waiting logs one call reads (the newest): a larger backlog shows as this many, its oldest among them.</summary>
    public const int MaxWaitingRead = 20_000;

    /// <inheritdoc />
    /// <remarks>
    /// Read from the waiting logs themselves over the status index (their fields, and the state
    /// document of the retrying ones), at most <see cref="MaxWaitingRead"/> of them, and folded here:
    /// the engines agree on no $min over a grouped field.
    /// </remarks>
    public async Task<IReadOnlyList<WaitingDeliveries>> GetWaitingAsync(IReadOnlyCollection<long>? labIds, long? integrationId, CancellationToken cancellationToken)
    {
        var filters = new List<FilterDefinition<BsonDocument>>
        {
            Filter.In(LogFields.Status, new[] { nameof(LogStatus.Queued), nameof(LogStatus.Retrying) }),
            Filter.Exists(LogFields.IntegrationId),
        };
        if (integrationId is { } id)
        {
            filters.Add(Filter.Eq(LogFields.IntegrationId, id));
        }

        if (LabScope(labIds) is { } scope)
        {
            filters.Add(scope);
        }

        var waiting = await database.Logs.Find(Filter.And(filters))
            .Project(Builders<BsonDocument>.Projection.Include(LogFields.IntegrationId).Include(LogFields.IntegrationName).Include(LogFields.Status).Include(LogFields.CreatedTicks).Include(LogFields.State))
            .Sort(Builders<BsonDocument>.Sort.Descending(LogFields.CreatedTicks))
            .Limit(MaxWaitingRead)
            .ToListAsync(cancellationToken);
        var rows = waiting.Select(d =>
        {
            var status = Enum.Parse<LogStatus>(d[LogFields.Status].AsString);
            var next = status == LogStatus.Retrying && d.TryGetValue(LogFields.State, out var state) && state.IsString
                ? HubJson.Deserialize<LogState>(state.AsString).NextAttemptAt
                : null;
            return new WaitingRows.Row(
                d[LogFields.IntegrationId].ToInt64(),
                StringOrNull(d, LogFields.IntegrationName),
                status,
                1,
                new DateTimeOffset(d[LogFields.CreatedTicks].ToInt64(), TimeSpan.Zero),
                next);
        });
        return WaitingRows.Fold(rows);
    }
}
