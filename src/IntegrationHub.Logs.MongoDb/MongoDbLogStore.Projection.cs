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

        // A log without attempts or callbacks (most changes of a queued log, most logs' callbacks)
        // costs no count of what the store holds.
        var attemptsHeld = snapshot.Attempts.Count == 0 ? 0
            : await database.Attempts.CountDocumentsAsync(Filter.Eq(AttemptFields.LogId, log.Id), cancellationToken: cancellationToken);
        foreach (var attempt in snapshot.Attempts.Skip((int)attemptsHeld))
        {
            await DuplicateKey.TryInsertAsync(database.Attempts, AttemptDocument(attempt), cancellationToken);
        }

        var callbacksHeld = snapshot.Acknowledgements.Count == 0 ? 0
            : await database.Acknowledgements.CountDocumentsAsync(Filter.Eq(AcknowledgementFields.LogId, log.Id), cancellationToken: cancellationToken);
        for (var ordinal = (int)callbacksHeld; ordinal < snapshot.Acknowledgements.Count; ordinal++)
        {
            await DuplicateKey.TryInsertAsync(database.Acknowledgements, CallbackDocument(log, snapshot.Acknowledgements[ordinal], ordinal), cancellationToken);
        }

        // Moved only to a newer version: the state's fields set, the write-once ones only on the
        // first write (so a storage that later drops a payload it no longer needs cannot thin the
        // copy here). None held yet, inserted; a newer one held, the insert this upsert tries is
        // refused by the id and nothing changes.
        var document = LogDocument(log, log.State.Version);
        var updates = document.Elements.Where(e => e.Name != LogFields.Id)
            .Select(e => StateFieldNames.Contains(e.Name) ? Update.Set(e.Name, e.Value) : Update.SetOnInsert(e.Name, e.Value))
            .Concat(StateFieldNames.Where(name => !document.Contains(name)).Select(name => Update.Unset(name)));
        try
        {
            await database.Logs.UpdateOneAsync(
                Filter.Eq(LogFields.Id, log.Id) & Filter.Lt(LogFields.Version, log.State.Version),
                Update.Combine(updates),
                new UpdateOptions { IsUpsert = true },
                cancellationToken);
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            // The store holds this version or a newer one.
        }
    }

    // The fields a change of the log's state writes (its version with them); every other field is written once.
    private static readonly HashSet<string> StateFieldNames =
        [.. StateFields(null, 0, 0, LogStateColumns.Of(new LogState()), 0).Select(f => f.Name), LogFields.Version];

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
