using IntegrationHub.Contracts;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteBulkRetryJobStoreTests : BulkRetryJobStoreContract
{
    private SqliteTestDatabase? _db;

    protected override Task<IBulkRetryJobStore> CreateStoreAsync()
    {
        _db = SqliteTestDatabase.Create();
        return Task.FromResult<IBulkRetryJobStore>(new SqliteBulkRetryJobStore(_db.Database));
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
