using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IntegrationHub.Lab.Sqlite;

/// <summary>
/// Gives EF Core's connections the same SQLite settings as the hub's own (busy timeout, synchronous
/// level), since both write to one database file.
/// </summary>
internal sealed class SqlitePragmaInterceptor(string synchronous) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _prepared = new();

    // Settings belong to the physical connection, which the pool reuses: apply them once per connection.
    private void Apply(DbConnection connection)
    {
        var physical = (object?)(connection as Microsoft.Data.Sqlite.SqliteConnection)?.Handle ?? connection;
        if (_prepared.TryGetValue(physical, out _))
        {
            return;
        }

        _prepared.AddOrUpdate(physical, physical);
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = 10000; PRAGMA synchronous = {synchronous};";
        command.ExecuteNonQuery();
    }
}
