using System.Data.Common;
using IntegrationHub.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>Chooses PostgreSQL for every store of the hub.</summary>
public static class PostgreSqlIntegrationHubBuilderExtensions
{
    /// <summary>
    /// What the PostgreSQL backend is: its own queue, in the business domain's transactions, many
    /// writers, and shared by every hub process on the database: limits
    /// (<see cref="PostgreSqlDeliveryThrottle"/>), configuration changes
    /// (<see cref="PostgreSqlConfigurationChanges"/>), bulk retry jobs and idempotency keys.
    /// </summary>
    public static StorageCapabilities Capabilities { get; } = new()
    {
        Provider = "PostgreSql",
        JoinsBusinessTransaction = true,
        IsOwnTransport = true,
        SharesStateAcrossProcesses = true,
        SingleWriter = false,
        HasLogChangeFeed = true,
    };

    /// <summary>Configuration, users and keys, audit, logs, outbox, queue and bulk retry jobs in one PostgreSQL database.</summary>
    public static IntegrationHubBuilder UsePostgreSql(this IntegrationHubBuilder builder, string connectionString) =>
        builder.UsePostgreSql(o => o.ConnectionString = connectionString);

    /// <summary>Configuration, users and keys, audit, logs, outbox, queue and bulk retry jobs in one PostgreSQL database, with every option.</summary>
    public static IntegrationHubBuilder UsePostgreSql(this IntegrationHubBuilder builder, Action<PostgreSqlHubOptions> configure)
    {
        builder.Services.AddOptions<PostgreSqlHubOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PostgreSqlHubDatabase>();
        builder.Services.AddSingleton<IStorageInitializer, PostgreSqlSchemaInstaller>();
        builder.Services.AddSingleton(Capabilities);
        builder.Services.AddSingleton<PostgreSqlQueueSignal>();
        builder.Services.AddSingleton<IBusinessTransactionSource<DbTransaction>, PostgreSqlBusinessTransactions>();
        builder.Services.AddSingleton<PostgreSqlLogStore>();
        builder.Services.AddSingleton<ILogStore>(sp => sp.GetRequiredService<PostgreSqlLogStore>());
        builder.Services.AddSingleton<ILogReadModel>(sp => sp.GetRequiredService<PostgreSqlLogStore>());
        builder.Services.AddSingleton<PostgreSqlLogChangeFeed>();
        builder.Services.AddSingleton<ILogChangeFeed>(sp => sp.GetRequiredService<PostgreSqlLogChangeFeed>());
        builder.Services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<PostgreSqlLogChangeFeed>());
        builder.UseIntegrationConfigStore<PostgreSqlIntegrationConfigStore>();
        builder.Services.AddSingleton<IDeliveryTransport, PostgreSqlDeliveryTransport>();
        builder.Services.AddSingleton<IDeliveryOutbox, PostgreSqlDeliveryOutbox>();
        builder.Services.AddSingleton<IAccessStore, PostgreSqlAccessStore>();
        builder.Services.AddSingleton<IAuditLog, PostgreSqlAuditLog>();
        builder.Services.AddSingleton<IBulkRetryJobStore, PostgreSqlBulkRetryJobStore>();
        builder.Services.AddSingleton<IDeliveryThrottle, PostgreSqlDeliveryThrottle>();
        builder.Services.AddSingleton<IConfigurationChanges, PostgreSqlConfigurationChanges>();
        return builder;
    }
}
