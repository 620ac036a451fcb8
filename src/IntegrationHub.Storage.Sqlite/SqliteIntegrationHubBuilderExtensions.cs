using IntegrationHub.Configuration;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>Chooses the embedded SQLite backend for every store.</summary>
public static class SqliteIntegrationHubBuilderExtensions
{
    /// <summary>Log store, configuration store, queue and outbox in one SQLite file.</summary>
    public static IntegrationHubBuilder UseSqlite(this IntegrationHubBuilder builder, string connectionString, string synchronous = "NORMAL")
    {
        builder.Services.Configure<SqliteHubOptions>(o =>
        {
            o.ConnectionString = connectionString;
            o.Synchronous = synchronous;
        });
        builder.Services.AddSingleton<SqliteHubDatabase>();
        builder.Services.AddSingleton<ILogStore, SqliteLogStore>();
        builder.Services.AddSingleton<IIntegrationConfigStore, SqliteIntegrationConfigStore>();
        builder.Services.AddSingleton<IDispatchQueue, SqliteDispatchQueue>();
        builder.Services.AddSingleton<IDeliveryOutbox, SqliteDeliveryOutbox>();
        return builder;
    }
}
