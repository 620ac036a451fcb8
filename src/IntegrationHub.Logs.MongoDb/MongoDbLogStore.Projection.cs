using IntegrationHub.Logging;
using IntegrationHub.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

public sealed partial class MongoDbLogStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The attempts and callbacks the store lacks are inserted first (each unique, so a repeat is a
    /// no-op), then the log's document is replaced only by a newer version: a reader that sees a
    /// version sees its attempts. The store holds a prefix of each log's attempts and callbacks
    /// (they are written in order and never removed), so only those past it are written.
    /// </remarks>
    public async Task ProjectAsync(LogSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await database.EnsureIndexesOnceAsync(cancellationToken);
            await WriteProjectionAsync(snapshot, cancellationToken);
        }
        catch (Exception e) when (e is MongoConnectionException or TimeoutException)
        {
            // An engine that went away may come back empty (a test engine, a restored replica):
            // its unique indexes are made again before the next write relies on them.
            database.ForgetIndexes();
            throw;
        }
    }

    private async Task WriteProjectionAsync(LogSnapshot snapshot, CancellationToken cancellationToken)
    {
        var log = snapshot.Log;
        var byLog = Filter.Eq(AttemptFields.LogId, log.Id);
        var attemptsHeld = await database.Attempts.CountDocumentsAsync(byLog, cancellationToken: cancellationToken);
        foreach (var attempt in snapshot.Attempts.Skip((int)attemptsHeld))
        {
            await DuplicateKey.TryInsertAsync(database.Attempts, AttemptDocument(attempt), cancellationToken);
        }

        var callbacksHeld = await database.Acknowledgements.CountDocumentsAsync(Filter.Eq(AcknowledgementFields.LogId, log.Id), cancellationToken: cancellationToken);
        for (var ordinal = (int)callbacksHeld; ordinal < snapshot.Acknowledgements.Count; ordinal++)
        {
            await DuplicateKey.TryInsertAsync(database.Acknowledgements, CallbackDocument(log, snapshot.Acknowledgements[ordinal], ordinal), cancellationToken);
        }

        // Replaced only by a newer version; none held yet, inserted; a newer one held, the insert
        // this upsert tries is refused by the id and nothing changes.
        try
        {
            await database.Logs.ReplaceOneAsync(
                Filter.Eq(LogFields.Id, log.Id) & Filter.Lt(LogFields.Version, log.State.Version),
                LogDocument(log, log.State.Version),
                new ReplaceOptions { IsUpsert = true },
                cancellationToken);
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            // The store holds this version or a newer one.
        }
    }

    private static BsonDocument CallbackDocument(IntegrationLog log, PartnerAcknowledgement ack, int ordinal)
    {
        var document = new BsonDocument
        {
            { AcknowledgementFields.IntegrationId, log.IntegrationId ?? 0 },
            { AcknowledgementFields.LogId, log.Id },
            { AcknowledgementFields.Ordinal, (long)ordinal },
            { AcknowledgementFields.ReceivedAt, new BsonDateTime(ack.ReceivedAt.UtcDateTime) },
            { AcknowledgementFields.Document, HubJson.Serialize(ack) },
        };
        if (ack.WebhookId is not null)
        {
            document.Add(AcknowledgementFields.WebhookId, ack.WebhookId);
        }

        return document;
    }
}
