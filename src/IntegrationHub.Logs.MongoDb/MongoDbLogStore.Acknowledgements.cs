using IntegrationHub.Logging;
using IntegrationHub.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

public sealed partial class MongoDbLogStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Without a multi-document transaction: the callback's document is inserted first (its unique
    /// webhook-id makes a repeat a no-op), then the log's state takes it by compare-and-set. A repeat
    /// of a callback whose first write stopped between the two (a crash) finds the log without it and
    /// finishes the move before it answers <see cref="AcknowledgementOutcome.Duplicate"/>.
    /// </remarks>
    public async Task<AcknowledgementResult> AcknowledgeAsync(AcknowledgementRequest request, CancellationToken cancellationToken)
    {
        var ack = request.Acknowledgement;
        if (ack.WebhookId is { } webhookId
            && await database.Acknowledgements.Find(Filter.Eq(AcknowledgementFields.IntegrationId, request.IntegrationId) & Filter.Eq(AcknowledgementFields.WebhookId, webhookId))
                .FirstOrDefaultAsync(cancellationToken) is { } seen)
        {
            var answered = seen[AcknowledgementFields.LogId].AsString;
            await TakeAcknowledgementAsync(answered, HubJson.Deserialize<PartnerAcknowledgement>(seen[AcknowledgementFields.Document].AsString), onlyIfNone: true, cancellationToken);
            return new AcknowledgementResult(AcknowledgementOutcome.Duplicate, answered);
        }

        var byIntegration = Filter.Eq(LogFields.IntegrationId, request.IntegrationId);
        var log = request.DeliveryLogId is { } deliveryLogId
            ? await database.Logs.Find(byIntegration & Filter.Eq(LogFields.Id, deliveryLogId) & Filter.Eq(LogFields.Direction, nameof(LogDirection.Outbound))).FirstOrDefaultAsync(cancellationToken)
            : ack.PartnerReference is { } reference
                ? await database.Logs.Find(byIntegration & Filter.Eq(LogFields.PartnerReference, reference))
                    .Sort(Builders<BsonDocument>.Sort.Descending(LogFields.CreatedTicks)).Limit(1).FirstOrDefaultAsync(cancellationToken)
                : null;
        if (log is null)
        {
            return new AcknowledgementResult(AcknowledgementOutcome.NoSuchDelivery, null);
        }

        var logId = log[LogFields.Id].AsString;
        var document = new BsonDocument
        {
            { AcknowledgementFields.IntegrationId, request.IntegrationId },
            { AcknowledgementFields.LogId, logId },
            { AcknowledgementFields.ReceivedAt, new BsonDateTime(ack.ReceivedAt.UtcDateTime) },
            { AcknowledgementFields.Document, HubJson.Serialize(ack) },
        };
        if (ack.WebhookId is not null)
        {
            document.Add(AcknowledgementFields.WebhookId, ack.WebhookId);
        }

        if (!await DuplicateKey.TryInsertAsync(database.Acknowledgements, document, cancellationToken))
        {
            // The same callback, recorded by another process since the look above.
            return new AcknowledgementResult(AcknowledgementOutcome.Duplicate, logId);
        }

        await TakeAcknowledgementAsync(logId, ack, onlyIfNone: false, cancellationToken);
        return new AcknowledgementResult(AcknowledgementOutcome.Recorded, logId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PartnerAcknowledgement>> GetAcknowledgementsAsync(string logId, CancellationToken cancellationToken)
    {
        var documents = await database.Acknowledgements.Find(Filter.Eq(AcknowledgementFields.LogId, logId))
            .Sort(Builders<BsonDocument>.Sort.Ascending(AcknowledgementFields.Ordinal).Ascending("_id")).ToListAsync(cancellationToken);
        return [.. documents.Select(d => HubJson.Deserialize<PartnerAcknowledgement>(d[AcknowledgementFields.Document].AsString))];
    }

    // The log's state takes the acknowledgement (and the reference a partner names only in its
    // callback), by compare-and-set on its version; with onlyIfNone, only while it holds none.
    private async Task TakeAcknowledgementAsync(string logId, PartnerAcknowledgement ack, bool onlyIfNone, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await database.Logs.Find(Filter.Eq(LogFields.Id, logId)).FirstOrDefaultAsync(cancellationToken);
            if (current is null)
            {
                return;
            }

            var state = HubJson.Deserialize<LogState>(current[LogFields.State].AsString);
            if (onlyIfNone && state.Acknowledgement is not null)
            {
                return;
            }

            var reference = StringOrNull(current, LogFields.PartnerReference) ?? ack.PartnerReference;
            var update = Update.Combine(
                Update.Set(LogFields.State, HubJson.Serialize(state with { Acknowledgement = ack, PartnerReference = reference, Version = 0 })),
                reference is null ? Update.Unset(LogFields.PartnerReference) : Update.Set(LogFields.PartnerReference, reference),
                Update.Inc(LogFields.Version, 1L));
            var moved = await database.Logs.UpdateOneAsync(
                Filter.Eq(LogFields.Id, logId) & Filter.Eq(LogFields.Version, current[LogFields.Version].ToInt64()), update, cancellationToken: cancellationToken);
            if (moved.MatchedCount == 1)
            {
                return;
            }
        }
    }
}
