using IntegrationHub.Contracts;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteAccessStoreTests : AccessStoreContract
{
    private SqliteTestDatabase? _db;

    protected override Task<IAccessStore> CreateStoreAsync()
    {
        _db = SqliteTestDatabase.Create();
        return Task.FromResult<IAccessStore>(new SqliteAccessStore(_db.Database));
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
