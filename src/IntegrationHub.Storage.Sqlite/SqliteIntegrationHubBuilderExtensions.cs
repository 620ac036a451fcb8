using System.Data.Common;
using IntegrationHub.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>Chooses the embedded SQLite backend for every store.</summary>
public static class SqliteIntegrationHubBuilderExtensions
{
    /// <summary>What the SQLite backend is: one file, one writer, its own queue, one process.</summary>
    public static StorageCapabilities Capabilities { get; } = new()
    {
        Provider = "Sqlite",
        JoinsBusinessTransaction = true,
        IsOwnTransport = true,
        SharesStateAcrossProcesses = false,
        SingleWriter = true,
        HasLogChangeFeed = true,
    };

    /// <summary>Log store, configuration store, queue, outbox and bulk retry jobs in one SQLite file.</summary>
    public static IntegrationHubBuilder UseSqlite(this IntegrationHubBuilder builder, string connectionString, string synchronous = "NORMAL") =>
        builder.UseSqlite(o =>
        {
            o.ConnectionString = connectionString;
            o.Synchronous = synchronous;
        });

    /// <summary>Log store, configuration store, queue, outbox and bulk retry jobs in one SQLite file, configured in full.</summary>
    public static IntegrationHubBuilder UseSqlite(this IntegrationHubBuilder builder, Action<SqliteHubOptions> configure)
    {
        builder.Services.Configure(configure);
        builder.Services.AddSingleton<SqliteHubDatabase>();
        builder.Services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<SqliteHubDatabase>());
        builder.Services.AddHostedService<SqliteCheckpointer>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<SqliteHubDatabase>().WriteGate);
        builder.Services.AddSingleton(Capabilities);
        builder.Services.AddSingleton<IBusinessTransactionSource<DbTransaction>, SqliteBusinessTransactions>();
        builder.Services.AddSingleton<SqliteLogStore>();
        builder.Services.AddSingleton<ILogStore>(sp => sp.GetRequiredService<SqliteLogStore>());
        builder.Services.AddSingleton<ILogReadModel>(sp => sp.GetRequiredService<SqliteLogStore>());
        builder.Services.AddSingleton<SqliteLogChangeFeed>();
        builder.Services.AddSingleton<ILogChangeFeed>(sp => sp.GetRequiredService<SqliteLogChangeFeed>());
        builder.Services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<SqliteLogChangeFeed>());
        builder.UseIntegrationConfigStore<SqliteIntegrationConfigStore>();
        builder.Services.AddSingleton<QueueSignal>();
        builder.Services.AddSingleton<IDeliveryTransport, SqliteDeliveryTransport>();
        builder.Services.AddSingleton<IDeliveryOutbox, SqliteDeliveryOutbox>();
        builder.Services.AddSingleton<IAccessStore, SqliteAccessStore>();
        builder.Services.AddSingleton<IAuditLog, SqliteAuditLog>();
        builder.Services.AddSingleton<IBulkRetryJobStore, SqliteBulkRetryJobStore>();
        return builder;
    }
}
