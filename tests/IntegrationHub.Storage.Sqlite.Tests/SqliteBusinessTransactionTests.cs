using System.Data.Common;
using IntegrationHub.Contracts;
using IntegrationHub.Hosting;
using IntegrationHub.Queue;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteBusinessTransactionTests : BusinessTransactionContract
{
    private SqliteTestDatabase? _db;
    private SqliteTestDatabase? _other;

    protected override async Task<(OutboxStores Stores, IBusinessTransactionSource<DbTransaction> Source)> CreateAsync()
    {
        _db = SqliteTestDatabase.Create();
        _other = SqliteTestDatabase.Create();
        await _db.Database.InitializeAsync(CancellationToken.None);
        var signal = new QueueSignal();
        var options = Options.Create(new LeaseOptions());
        var logs = new SqliteLogStore(_db.Database, new FakeTimeProvider());
        var stores = new OutboxStores(
            logs,
            logs,
            new SqliteDeliveryOutbox(_db.Database, signal, options),
            new SqliteDeliveryTransport(_db.Database, signal, options, TimeProvider.System));
        return (stores, new SqliteBusinessTransactions(_db.Database, signal));
    }

    protected override async Task<DbConnection> OpenBusinessConnectionAsync()
    {
        var connection = new SqliteConnection($"Data Source={_db!.File}");
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task<DbConnection> OpenForeignConnectionAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_other!.File)!);
        var connection = new SqliteConnection($"Data Source={_other.File}");
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task DeleteAsync()
    {
        foreach (var db in new[] { _db, _other })
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }
}
