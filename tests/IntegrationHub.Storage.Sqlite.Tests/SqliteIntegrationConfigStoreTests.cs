using IntegrationHub.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteIntegrationConfigStoreTests : IntegrationConfigStoreContract
{
    private SqliteTestDatabase? _db;

    protected override Task<IIntegrationConfigStore> CreateStoreAsync(FakeTimeProvider time)
    {
        _db = SqliteTestDatabase.Create();
        return Task.FromResult<IIntegrationConfigStore>(new SqliteIntegrationConfigStore(_db.Database, time));
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
