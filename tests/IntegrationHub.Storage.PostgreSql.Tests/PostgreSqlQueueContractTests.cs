using System.Data.Common;
using IntegrationHub.Contracts;
using IntegrationHub.Queue;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql.Tests;

public sealed class PostgreSqlDeliveryTransportTests : DeliveryTransportContract
{
    private PostgreSqlTestDatabase? _db;
    private PostgreSqlQueueSignal? _signal;

    protected override async Task<IDeliveryTransport> CreateTransportAsync(LeaseOptions options, TimeProvider clock)
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        _signal = new PostgreSqlQueueSignal(_db.Database);
        return new PostgreSqlDeliveryTransport(_db.Database, _signal, Microsoft.Extensions.Options.Options.Create(options), clock);
    }

    protected override async Task DeleteTransportAsync()
    {
        if (_signal is not null)
        {
            await _signal.DisposeAsync();
        }

        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}

public sealed class PostgreSqlDeliveryOutboxRequeueTests : DeliveryOutboxRequeueContract
{
    private PostgreSqlTestDatabase? _db;
    private PostgreSqlQueueSignal? _signal;

    protected override async Task<OutboxStores> CreateStoresAsync(FakeTimeProvider time, TimeProvider transportClock, LeaseOptions options)
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        _signal = new PostgreSqlQueueSignal(_db.Database);
        var logs = new PostgreSqlLogStore(_db.Database, time);
        return new OutboxStores(
            logs,
            logs,
            new PostgreSqlDeliveryOutbox(_db.Database, _signal, Options.Create(options), time),
            new PostgreSqlDeliveryTransport(_db.Database, _signal, Options.Create(options), transportClock));
    }

    protected override async Task DeleteStoresAsync()
    {
        if (_signal is not null)
        {
            await _signal.DisposeAsync();
        }

        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}

public sealed class PostgreSqlBusinessTransactionTests : BusinessTransactionContract
{
    private PostgreSqlTestDatabase? _db;
    private PostgreSqlTestDatabase? _other;
    private PostgreSqlQueueSignal? _signal;

    protected override async Task<(OutboxStores Stores, IBusinessTransactionSource<DbTransaction> Source)> CreateAsync()
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        _other = await PostgreSqlTestDatabase.CreateAsync(install: false);
        _signal = new PostgreSqlQueueSignal(_db.Database);
        var options = Options.Create(new LeaseOptions());
        var logs = new PostgreSqlLogStore(_db.Database, new FakeTimeProvider());
        var stores = new OutboxStores(
            logs,
            logs,
            new PostgreSqlDeliveryOutbox(_db.Database, _signal, options),
            new PostgreSqlDeliveryTransport(_db.Database, _signal, options, TimeProvider.System));
        return (stores, new PostgreSqlBusinessTransactions(_db.Database, _signal));
    }

    protected override async Task<DbConnection> OpenBusinessConnectionAsync()
    {
        var connection = new NpgsqlConnection(_db!.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task<DbConnection> OpenForeignConnectionAsync()
    {
        var connection = new NpgsqlConnection(_other!.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task DeleteAsync()
    {
        if (_signal is not null)
        {
            await _signal.DisposeAsync();
        }

        foreach (var db in new[] { _db, _other })
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }
}
