using IntegrationHub.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteLogStoreTests : LogStoreContract
{
    private SqliteTestDatabase? _db;

    protected override Task<(ILogStore Writes, ILogReadModel Reads)> CreateStoreAsync(FakeTimeProvider time)
    {
        _db = SqliteTestDatabase.Create();
        var store = new SqliteLogStore(_db.Database, time);
        return Task.FromResult<(ILogStore, ILogReadModel)>((store, store));
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
