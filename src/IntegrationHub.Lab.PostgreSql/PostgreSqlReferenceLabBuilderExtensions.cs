using IntegrationHub.Lab.Hosting;
using IntegrationHub.Storage.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Lab.PostgreSql;

/// <summary>Puts the reference lab in the hub's PostgreSQL database.</summary>
public static class PostgreSqlReferenceLabBuilderExtensions
{
    /// <summary>
    /// The lab's EF Core context on the PostgreSQL backend's own database, so its transactions are
    /// the ones the outbox joins, and on its data source: one pool of connections per process,
    /// which learns of a restarted server once. Call after <c>AddIntegrationHub(...).UsePostgreSql(...)</c>.
    /// </summary>
    public static ReferenceLabBuilder UsePostgreSql(this ReferenceLabBuilder builder) =>
        builder.UseDatabase("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", (provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<PostgreSqlHubDatabase>().DataSource, PostgreSqlLabMigrations.Configure));
}
