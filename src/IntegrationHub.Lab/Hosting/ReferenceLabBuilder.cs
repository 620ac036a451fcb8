using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Lab.Hosting;

/// <summary>
/// Returned by <c>AddReferenceLab</c>; a database provider hangs off it (<c>.UseSqlite(...)</c> in
/// IntegrationHub.Lab.Sqlite), giving the lab's EF Core context its provider and registering
/// its <see cref="LabDatabaseTables"/>. The provider must put the lab in the hub's storage database,
/// so the outbox commits with the business change.
/// </summary>
public sealed class ReferenceLabBuilder(IServiceCollection services)
{
    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>Gives the lab's context its database provider and the provider's query for the tables a database holds.</summary>
    public ReferenceLabBuilder UseDatabase(string tablesQuery, Action<IServiceProvider, DbContextOptionsBuilder> provider)
    {
        // Options are built once: building them for every scope (every delivery's status callback) costs more than the context.
        Services.AddDbContext<LabDbContext>(provider, contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
        Services.AddSingleton(new LabDatabaseTables(tablesQuery));
        return this;
    }
}
