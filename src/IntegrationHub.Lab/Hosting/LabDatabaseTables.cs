using System.Data.Common;

namespace IntegrationHub.Lab.Hosting;

/// <summary>
/// What creating the lab's schema needs from the database provider and EF Core does not say in a
/// provider-neutral way: the tables a database already holds, listed by a query of the provider's
/// own (one column of names). Given by the provider's <c>UseX()</c> of <see cref="ReferenceLabBuilder"/>.
/// </summary>
/// <param name="ListQuery">The provider's query for the names of the database's tables.</param>
public sealed record LabDatabaseTables(string ListQuery)
{
    /// <summary>The names of the tables <paramref name="connection"/>'s database already holds (compared case-insensitively).</summary>
    public async Task<IReadOnlySet<string>> ExistingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ListQuery;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
