using IntegrationHub.Lab.Hosting;
using IntegrationHub.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Sqlite;

/// <summary>Puts the reference lab in the hub's SQLite file.</summary>
public static class SqliteReferenceLabBuilderExtensions
{
    /// <summary>
    /// The lab's EF Core context on the SQLite backend's own file and settings (connection string,
    /// synchronous level, busy timeout), so its transactions are the ones the outbox joins. Call
    /// after <c>AddIntegrationHub(...).UseSqlite(...)</c>.
    /// </summary>
    public static ReferenceLabBuilder UseSqlite(this ReferenceLabBuilder builder) =>
        builder.UseDatabase("SELECT name FROM sqlite_master WHERE type = 'table'", (provider, options) =>
        {
            var hub = provider.GetRequiredService<IOptions<SqliteHubOptions>>().Value;
            options.UseSqlite(hub.ConnectionString, SqliteLabMigrations.Configure).AddInterceptors(new SqlitePragmaInterceptor(hub.Synchronous));
        });
}
