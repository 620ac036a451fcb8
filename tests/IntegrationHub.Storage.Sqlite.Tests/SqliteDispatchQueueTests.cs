using IntegrationHub.Contracts;
using IntegrationHub.Hosting;
using IntegrationHub.Queue;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteDispatchQueueTests : DispatchQueueContract
{
    private SqliteTestDatabase? _db;

    protected override Task<IDispatchQueue> CreateQueueAsync(HubOptions options)
    {
        _db = SqliteTestDatabase.Create();
        return Task.FromResult<IDispatchQueue>(new SqliteDispatchQueue(_db.Database, new QueueSignal(), Microsoft.Extensions.Options.Options.Create(options)));
    }

    protected override async Task DeleteQueueAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
