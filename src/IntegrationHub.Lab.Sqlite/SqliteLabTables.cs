using System.Data.Common;
using IntegrationHub.Lab.Hosting;

namespace IntegrationHub.Lab.Sqlite;

/// <summary>The tables of a SQLite file, from <c>sqlite_master</c>.</summary>
internal sealed class SqliteLabTables : ILabDatabaseTables
{
    public async Task<IReadOnlySet<string>> ExistingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
