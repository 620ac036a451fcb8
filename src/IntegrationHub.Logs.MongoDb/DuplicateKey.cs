using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

/// <summary>
/// A write refused by a unique index. MongoDB reports it as a write error of the DuplicateKey
/// category; some MongoDB-wire engines as a command error with code 11000. Both mean the same.
/// </summary>
internal static class DuplicateKey
{
    private const int Code = 11000;

    public static bool Is(Exception e) => e switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey || write.WriteError?.Code == Code,
        MongoBulkWriteException bulk => bulk.WriteErrors.Count > 0 && bulk.WriteErrors.All(w => w.Category == ServerErrorCategory.DuplicateKey || w.Code == Code),
        MongoCommandException command => command.Code == Code,
        _ => false,
    };

    /// <summary>Inserts a document; false when one with the same unique key exists.</summary>
    public static async Task<bool> TryInsertAsync(IMongoCollection<MongoDB.Bson.BsonDocument> collection, MongoDB.Bson.BsonDocument document, CancellationToken cancellationToken)
    {
        try
        {
            await collection.InsertOneAsync(document, cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception e) when (Is(e))
        {
            return false;
        }
    }
}
