using System.Data.Common;

namespace IntegrationHub.Lab.Hosting;

/// <summary>
/// What creating the lab's schema needs from the database provider and EF Core does not say in a
/// provider-neutral way: the tables a database already holds. Registered by the provider's
/// <c>UseX()</c> of <see cref="ReferenceLabBuilder"/>.
/// </summary>
public interface ILabDatabaseTables
{
    /// <summary>The names of the tables <paramref name="connection"/>'s database already holds (compared case-insensitively).</summary>
    Task<IReadOnlySet<string>> ExistingAsync(DbConnection connection, CancellationToken cancellationToken);
}
