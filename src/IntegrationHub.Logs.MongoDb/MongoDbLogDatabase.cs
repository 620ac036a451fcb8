using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

/// <summary>
/// The log store's three collections and their indexes. Only what MongoDB 6+, Amazon DocumentDB 5
/// and Azure Cosmos DB for MongoDB (vCore) share is used: single-document writes (no multi-document
/// transaction), unique and partial indexes, <c>$set</c>/<c>$inc</c> updates, <c>$match</c>,
/// <c>$sort</c>, <c>$group</c> with <c>$sum</c> and <c>$first</c>, and include-only <c>$project</c>.
/// </summary>
public sealed class MongoDbLogDatabase
{
    /// <summary>One document per execution: its searchable fields, its write-once document and its state.</summary>
    public const string LogsCollection = "hub_logs";

    /// <summary>One insert-only document per attempt, unique by (log, attempt).</summary>
    public const string AttemptsCollection = "hub_attempts";

    /// <summary>One insert-only document per partner callback, unique by (integration, webhook-id) where the partner sent one.</summary>
    public const string AcknowledgementsCollection = "hub_acknowledgements";

    public MongoDbLogDatabase(IOptions<MongoDbLogOptions> options)
    {
        Options = options.Value;
        var settings = MongoClientSettings.FromConnectionString(Options.ConnectionString);
        if (!Options.ConnectionString.Contains("serverSelectionTimeoutMS", StringComparison.OrdinalIgnoreCase))
        {
            // The driver's 30 s would hold a dashboard request that long while the engine is down.
            settings.ServerSelectionTimeout = Options.ServerSelectionTimeout;
        }

        Database = new MongoClient(settings).GetDatabase(Options.Database);
        Logs = Database.GetCollection<BsonDocument>(LogsCollection);
        Attempts = Database.GetCollection<BsonDocument>(AttemptsCollection);
        Acknowledgements = Database.GetCollection<BsonDocument>(AcknowledgementsCollection);
    }

    public MongoDbLogOptions Options { get; }

    public IMongoDatabase Database { get; }

    public IMongoCollection<BsonDocument> Logs { get; }

    public IMongoCollection<BsonDocument> Attempts { get; }

    public IMongoCollection<BsonDocument> Acknowledgements { get; }

    private int _indexed;

    /// <summary>Like <see cref="EnsureIndexesAsync"/>, once per process once it has succeeded.</summary>
    public async Task EnsureIndexesOnceAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _indexed) == 0)
        {
            await EnsureIndexesAsync(cancellationToken);
            Volatile.Write(ref _indexed, 1);
        }
    }

    /// <summary>Makes <see cref="EnsureIndexesOnceAsync"/> create the indexes again on its next call.</summary>
    public void ForgetIndexes() => Volatile.Write(ref _indexed, 0);

    /// <summary>Creates every index the store's reads and idempotent writes rely on (creating one that exists changes nothing).</summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        static CreateIndexModel<BsonDocument> Index(IndexKeysDefinition<BsonDocument> keys, string name, FilterDefinition<BsonDocument>? only = null, bool unique = false) =>
            new(keys, new CreateIndexOptions<BsonDocument> { Name = name, Unique = unique, PartialFilterExpression = only });
        static FilterDefinition<BsonDocument> Present(string field) => Builders<BsonDocument>.Filter.Exists(field);

        // Every page is newest first, keyset by (creation tick, id); each filter leads an index of its own.
        await Logs.Indexes.CreateManyAsync(
        [
            Index(keys.Descending(LogFields.CreatedTicks).Descending("_id"), "ix_created"),
            Index(keys.Ascending(LogFields.LabId).Descending(LogFields.CreatedTicks).Descending("_id"), "ix_lab"),
            Index(keys.Ascending(LogFields.IntegrationId).Ascending(LogFields.Status).Descending(LogFields.CreatedTicks).Descending("_id"), "ix_integration", Present(LogFields.IntegrationId)),
            Index(keys.Ascending(LogFields.Status).Descending(LogFields.CreatedTicks).Descending("_id"), "ix_status"),
            Index(keys.Ascending(LogFields.ActionId).Descending(LogFields.CreatedTicks).Descending("_id"), "ix_action"),
            Index(keys.Ascending(LogFields.PatientId).Descending(LogFields.CreatedTicks), "ix_patient", Present(LogFields.PatientId)),
            Index(keys.Ascending(LogFields.BillId).Descending(LogFields.CreatedTicks), "ix_bill", Present(LogFields.BillId)),
            Index(keys.Ascending(LogFields.SampleId).Descending(LogFields.CreatedTicks), "ix_sample", Present(LogFields.SampleId)),
            Index(keys.Ascending(LogFields.ReportId).Descending(LogFields.CreatedTicks), "ix_report", Present(LogFields.ReportId)),
            Index(keys.Ascending(LogFields.Vendor).Descending(LogFields.CreatedTicks), "ix_vendor", Present(LogFields.Vendor)),
            Index(keys.Ascending(LogFields.ErrorSignature).Descending(LogFields.CreatedTicks), "ix_signature", Present(LogFields.ErrorSignature)),
            Index(keys.Ascending(LogFields.IntegrationId).Ascending(LogFields.PartnerReference).Descending(LogFields.CreatedTicks), "ix_partner_reference", Present(LogFields.PartnerReference)),
            Index(keys.Ascending(LogFields.PartnerReference), "ix_reference", Present(LogFields.PartnerReference)),
        ], cancellationToken);
        await Attempts.Indexes.CreateOneAsync(Index(keys.Ascending(AttemptFields.LogId).Ascending(AttemptFields.Attempt), "ux_attempt", unique: true), cancellationToken: cancellationToken);
        await Acknowledgements.Indexes.CreateManyAsync(
        [
            Index(keys.Ascending(AcknowledgementFields.IntegrationId).Ascending(AcknowledgementFields.WebhookId), "ux_webhook", Present(AcknowledgementFields.WebhookId), unique: true),
            Index(keys.Ascending(AcknowledgementFields.LogId), "ix_log"),
            Index(keys.Ascending(AcknowledgementFields.LogId).Ascending(AcknowledgementFields.Ordinal), "ux_projected", Present(AcknowledgementFields.Ordinal), unique: true),
        ], cancellationToken);
    }
}
