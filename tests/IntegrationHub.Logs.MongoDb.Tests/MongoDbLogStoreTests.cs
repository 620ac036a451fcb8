using IntegrationHub.Contracts;
using IntegrationHub.Storage;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Logs.MongoDb.Tests;

/// <summary>The log store's and read model's contract, on the MongoDB-wire test engine.</summary>
public sealed class MongoDbLogStoreTests : LogStoreContract
{
    private MongoDbTestDatabase? _db;

    protected override async Task<(ILogStore Writes, ILogReadModel Reads)> CreateStoreAsync(FakeTimeProvider time)
    {
        _db = await MongoDbTestDatabase.CreateAsync();
        var store = new MongoDbLogStore(_db.Database, time);
        return (store, store);
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
