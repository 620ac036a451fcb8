using IntegrationHub.Contracts;
using Microsoft.Extensions.Options;
using MongoDB.Bson;

namespace IntegrationHub.Logs.MongoDb.Tests;

/// <summary>A database of its own on the test engine, its indexes made; emptied on dispose (the test engine has no dropDatabase).</summary>
public sealed class MongoDbTestDatabase : IAsyncDisposable
{
    private MongoDbTestDatabase(MongoDbLogOptions options)
    {
        Options = options;
        Database = new MongoDbLogDatabase(Microsoft.Extensions.Options.Options.Create(options));
    }

    public MongoDbLogOptions Options { get; }

    public MongoDbLogDatabase Database { get; }

    public static async Task<MongoDbTestDatabase> CreateAsync(int maxDocumentBytes = 12 * 1024 * 1024)
    {
        var database = new MongoDbTestDatabase(new MongoDbLogOptions
        {
            ConnectionString = MongoDbTestServer.ConnectionString,
            Database = $"hub_test_{Guid.NewGuid():N}",
            MaxDocumentBytes = maxDocumentBytes,
        });
        await database.Database.EnsureIndexesAsync(CancellationToken.None);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.Logs.DeleteManyAsync(FilterDefinitionOfAll());
        await Database.Attempts.DeleteManyAsync(FilterDefinitionOfAll());
        await Database.Acknowledgements.DeleteManyAsync(FilterDefinitionOfAll());
    }

    private static MongoDB.Driver.FilterDefinition<BsonDocument> FilterDefinitionOfAll() => new BsonDocument();
}
