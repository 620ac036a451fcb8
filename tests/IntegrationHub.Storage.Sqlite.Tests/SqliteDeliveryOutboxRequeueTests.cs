using IntegrationHub.Contracts;
using IntegrationHub.Hosting;
using IntegrationHub.Queue;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteDeliveryOutboxRequeueTests : DeliveryOutboxRequeueContract
{
    private SqliteTestDatabase? _db;

    protected override Task<OutboxStores> CreateStoresAsync(FakeTimeProvider time, TimeProvider transportClock, LeaseOptions options)
    {
        _db = SqliteTestDatabase.Create();
        var signal = new QueueSignal();
        var hubOptions = Options.Create(options);
        var logs = new SqliteLogStore(_db.Database, time);
        return Task.FromResult(new OutboxStores(
            logs,
            logs,
            new SqliteDeliveryOutbox(_db.Database, signal, hubOptions),
            new SqliteDeliveryTransport(_db.Database, signal, hubOptions, transportClock)));
    }

    protected override async Task DeleteStoresAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
