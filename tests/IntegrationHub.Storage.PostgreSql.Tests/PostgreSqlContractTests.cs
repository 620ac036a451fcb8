using IntegrationHub.Contracts;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql.Tests;

public sealed class PostgreSqlIntegrationConfigStoreTests : IntegrationConfigStoreContract
{
    private PostgreSqlTestDatabase? _db;

    protected override async Task<IIntegrationConfigStore> CreateStoreAsync(FakeTimeProvider time)
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        return new PostgreSqlIntegrationConfigStore(_db.Database, time);
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}

public sealed class PostgreSqlAccessStoreTests : AccessStoreContract
{
    private PostgreSqlTestDatabase? _db;

    protected override async Task<IAccessStore> CreateStoreAsync()
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        return new PostgreSqlAccessStore(_db.Database);
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}

public sealed class PostgreSqlAuditLogTests : AuditLogContract
{
    private PostgreSqlTestDatabase? _db;

    protected override async Task<IAuditLog> CreateAsync()
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        return new PostgreSqlAuditLog(_db.Database);
    }

    protected override async Task<int> TamperAsync(long id)
    {
        var through = 0;
        foreach (var (sql, changes) in new (string, object[])[] { ("UPDATE hub_audit SET actor = 'mallory' WHERE id = $1", [id]), ("DELETE FROM hub_audit WHERE id = $1", [id]), ("TRUNCATE hub_audit", []) })
        {
            try
            {
                // TRUNCATE reports no row count: let through is let through.
                var affected = await _db!.ExecuteAsync(sql, changes);
                through += changes.Length == 0 ? 1 : affected;
            }
            catch (PostgresException e) when (e.MessageText == "hub_audit is append-only")
            {
                // Refused by the table's triggers.
            }
        }

        return through;
    }

    protected override async Task DeleteAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}

public sealed class PostgreSqlBulkRetryJobStoreTests : BulkRetryJobStoreContract
{
    private PostgreSqlTestDatabase? _db;

    protected override async Task<IBulkRetryJobStore> CreateStoreAsync()
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        return new PostgreSqlBulkRetryJobStore(_db.Database);
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}

public sealed class PostgreSqlLogStoreTests : LogStoreContract
{
    private PostgreSqlTestDatabase? _db;

    protected override async Task<(ILogStore Writes, ILogReadModel Reads)> CreateStoreAsync(FakeTimeProvider time)
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        var store = new PostgreSqlLogStore(_db.Database, time);
        return (store, store);
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
