using IntegrationHub.Contracts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteLogChangeFeedTests : LogChangeFeedContract
{
    private SqliteTestDatabase? _db;

    private SqliteLogStore? _logs;

    protected override Task<ILogStore> CreateStorageAsync(FakeTimeProvider time)
    {
        _db = SqliteTestDatabase.Create();
        _logs = new SqliteLogStore(_db.Database, time);
        return Task.FromResult<ILogStore>(_logs);
    }

    protected override async Task<ILogChangeFeed> FeedAsync(bool enabled)
    {
        var feed = new SqliteLogChangeFeed(_db!.Database, _logs!, Options.Create(new LogChangeFeedOptions { Enabled = enabled }));
        await feed.InitializeAsync(CancellationToken.None);
        return feed;
    }

    protected override async Task DeleteStorageAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
