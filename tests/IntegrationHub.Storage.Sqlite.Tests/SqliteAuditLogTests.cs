using IntegrationHub.Contracts;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteAuditLogTests : AuditLogContract
{
    private SqliteTestDatabase? _db;

    protected override Task<IAuditLog> CreateAsync()
    {
        _db = SqliteTestDatabase.Create();
        return Task.FromResult<IAuditLog>(new SqliteAuditLog(_db.Database));
    }

    protected override async Task<int> TamperAsync(long id)
    {
        await using var connection = new SqliteConnection($"Data Source={_db!.File}");
        await connection.OpenAsync();
        var through = 0;
        foreach (var sql in new[] { "UPDATE hub_audit SET actor = 'mallory' WHERE id = $id", "DELETE FROM hub_audit WHERE id = $id" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            try
            {
                through += await command.ExecuteNonQueryAsync();
            }
            catch (SqliteException)
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
