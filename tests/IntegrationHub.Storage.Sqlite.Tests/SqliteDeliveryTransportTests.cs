using IntegrationHub.Contracts;
using IntegrationHub.Hosting;
using IntegrationHub.Queue;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteDeliveryTransportTests : DeliveryTransportContract
{
    private SqliteTestDatabase? _db;

    protected override Task<IDeliveryTransport> CreateTransportAsync(LeaseOptions options, TimeProvider clock)
    {
        _db = SqliteTestDatabase.Create();
        return Task.FromResult<IDeliveryTransport>(new SqliteDeliveryTransport(_db.Database, new QueueSignal(), Microsoft.Extensions.Options.Options.Create(options), clock));
    }

    protected override async Task DeleteTransportAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
