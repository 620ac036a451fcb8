using System.Globalization;
using IntegrationHub.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

public sealed partial class MongoDbLogStore
{
    // What a page shows of a log: everything but its documents.
    private static readonly ProjectionDefinition<BsonDocument> SummaryFields = Builders<BsonDocument>.Projection
        .Include(LogFields.Direction).Include(LogFields.LabId).Include(LogFields.ActionId).Include(LogFields.ActionName)
        .Include(LogFields.IntegrationId).Include(LogFields.IntegrationName).Include(LogFields.Vendor)
        .Include(LogFields.PatientId).Include(LogFields.BillId).Include(LogFields.SampleId).Include(LogFields.ReportId).Include(LogFields.Source).Include(LogFields.Caller)
        .Include(LogFields.CreatedTicks).Include(LogFields.Status).Include(LogFields.Attempts).Include(LogFields.UpdatedTicks)
        .Include(LogFields.HttpStatus).Include(LogFields.ErrorClass).Include(LogFields.ErrorMessage).Include(LogFields.DurationMs);

    /// <inheritdoc />
    public async Task<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, LogQuery.MaxLimit);
        var filter = Where(query);
        if (TryParseCursor(query.Cursor, out var cursorTicks, out var cursorId))
        {
            filter &= Filter.Lt(LogFields.CreatedTicks, cursorTicks)
                | (Filter.Eq(LogFields.CreatedTicks, cursorTicks) & Filter.Lt(LogFields.Id, cursorId));
        }

        // An aggregation, not a find: its include-only $project is honoured by every engine.
        var documents = await database.Logs.Aggregate()
            .Match(filter)
            .Sort(Builders<BsonDocument>.Sort.Descending(LogFields.CreatedTicks).Descending(LogFields.Id))
            .Limit(limit + 1)
            .Project(SummaryFields)
            .ToListAsync(cancellationToken);
        var items = documents.Select(ReadSummary).ToList();
        if (items.Count <= limit)
        {
            return new LogPage(items, null);
        }

        items.RemoveAt(limit);
        return new LogPage(items, FormatCursor(items[^1]));
    }

    /// <inheritdoc />
    public Task<long> CountAsync(LogQuery query, CancellationToken cancellationToken) =>
        database.Logs.CountDocumentsAsync(Where(query), cancellationToken: cancellationToken);

    // Every filter of the query but the cursor.
    private static FilterDefinition<BsonDocument> Where(LogQuery query)
    {
        var filters = new List<FilterDefinition<BsonDocument>>();
        void Equal<T>(string field, T? value)
            where T : struct
        {
            if (value is { } v)
            {
                filters.Add(Filter.Eq(field, BsonValue.Create(v)));
            }
        }

        void EqualText(string field, string? value)
        {
            if (value is not null)
            {
                filters.Add(Filter.Eq(field, value));
            }
        }

        Equal(LogFields.LabId, query.LabId);
        Equal(LogFields.ActionId, query.ActionId is { } action ? (long)action : (long?)null);
        Equal(LogFields.IntegrationId, query.IntegrationId);
        EqualText(LogFields.Status, query.Status?.ToString());
        EqualText(LogFields.Direction, query.Direction?.ToString());
        Equal(LogFields.PatientId, query.PatientId);
        Equal(LogFields.BillId, query.BillId);
        Equal(LogFields.SampleId, query.SampleId);
        Equal(LogFields.ReportId, query.ReportId);
        EqualText(LogFields.Vendor, string.IsNullOrEmpty(query.Vendor) ? null : query.Vendor);
        EqualText(LogFields.ErrorSignature, query.ErrorSignature);
        if (query.From is { } from)
        {
            filters.Add(Filter.Gte(LogFields.CreatedTicks, from.UtcTicks));
        }

        if (query.To is { } to)
        {
            filters.Add(Filter.Lt(LogFields.CreatedTicks, to.UtcTicks));
        }

        if (LabScope(query.LabIds) is { } scope)
        {
            filters.Add(scope);
        }

        if (query.Search is { } search)
        {
            filters.Add(Search(search));
        }

        return filters.Count == 0 ? Filter.Empty : Filter.And(filters);
    }

    // Any of the search's matches, each arm over an index of its own ($or plans them one by one); nothing when the search found nothing.
    private static FilterDefinition<BsonDocument> Search(LogSearch search)
    {
        var arms = new List<FilterDefinition<BsonDocument>>();
        void Ids(IReadOnlyList<long> ids, string field)
        {
            if (ids.Count > 0)
            {
                arms.Add(Filter.In(field, ids.Distinct().Take(LogSearch.MaxEntities)));
            }
        }

        Ids(search.PatientIds, LogFields.PatientId);
        Ids(search.BillIds, LogFields.BillId);
        Ids(search.SampleIds, LogFields.SampleId);
        Ids(search.ReportIds, LogFields.ReportId);
        if (search.Reference is { } reference)
        {
            arms.Add(Filter.Eq(LogFields.PartnerReference, reference));
            arms.Add(Filter.Eq(LogFields.Id, reference));
        }

        return arms.Count == 0 ? Filter.In(LogFields.Id, Array.Empty<string>()) : Filter.Or(arms);
    }

    // The labs a caller may see: null for every lab, a filter that matches nothing for none.
    private static FilterDefinition<BsonDocument>? LabScope(IReadOnlyCollection<long>? labIds) =>
        labIds is null ? null : Filter.In(LogFields.LabId, labIds.Distinct());

    // Keyset cursor: the last row's creation time in ticks and its id.
    private static string FormatCursor(LogSummary last) =>
        $"{last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{last.Id}";

    private static bool TryParseCursor(string? cursor, out long createdTicks, out string id)
    {
        createdTicks = 0;
        id = "";
        var separator = cursor?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (separator <= 0 || !long.TryParse(cursor.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out createdTicks)
            || createdTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        id = cursor![(separator + 1)..];
        return true;
    }
}
