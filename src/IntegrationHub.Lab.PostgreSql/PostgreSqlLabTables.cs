using System.Data.Common;
using IntegrationHub.Lab.Hosting;

namespace IntegrationHub.Lab.PostgreSql;

/// <summary>The tables of the connection's current schema, from <c>information_schema</c>.</summary>
internal sealed class PostgreSqlLabTables : ILabDatabaseTables
{
    public async Task<IReadOnlySet<string>> ExistingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
