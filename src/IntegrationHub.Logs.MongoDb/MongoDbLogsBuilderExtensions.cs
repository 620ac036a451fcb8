using IntegrationHub.Hosting;
using IntegrationHub.Storage;
using IntegrationHub.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Logs.MongoDb;

/// <summary>Chooses a MongoDB-compatible store for the logs the dashboard and the API read.</summary>
public static class MongoDbLogsBuilderExtensions
{
    /// <summary>
    /// Keeps the logs, their retry logs and callbacks in a MongoDB-compatible store as well, and
    /// serves the reads of them from there (<see cref="ILogReadModel"/>; one log not brought over
    /// yet is read from the storage). The storage stays their
    /// system of record: the outbox, finishes, manual retries and callbacks are written there in
    /// its transactions, noted by its <see cref="ILogChangeFeed"/>, and the
    /// <see cref="LogProjectionRelay"/> brings each change to the store. Call it after the
    /// storage's <c>UseX()</c>; the storage must note log changes (SQLite and PostgreSQL do).
    /// </summary>
    public static IntegrationHubBuilder UseMongoDbLogs(this IntegrationHubBuilder builder, Action<MongoDbLogOptions> configure, Action<LogRelayOptions>? relay = null)
    {
        var services = builder.Services;
        services.AddOptions<MongoDbLogOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LogRelayOptions>().Configure(relay ?? (_ => { })).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<LogChangeFeedOptions>(o => o.Enabled = true);
        services.AddSingleton<MongoDbLogDatabase>();
        services.AddSingleton<MongoDbLogStore>();
        // The storage's own read model stays, behind the document store, for a log not brought over yet.
        var storage = services.LastOrDefault(d => d.ServiceType == typeof(ILogReadModel));
        services.RemoveAll<ILogReadModel>();
        services.AddSingleton<ILogReadModel>(sp => new ProjectedLogReadModel(sp.GetRequiredService<MongoDbLogStore>(), storage is null
            ? throw new InvalidOperationException("UseMongoDbLogs needs the storage's UseX() called first: it reads a log the document store does not hold yet from the storage.")
            : Resolve(sp, storage)));
        services.AddSingleton<ILogProjection>(sp => sp.GetRequiredService<MongoDbLogStore>());
        services.AddSingleton<LogProjectionRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<LogProjectionRelay>());
        services.AddOptions<HubComposition>().Validate(
            _ => services.FirstOrDefault(d => d.ServiceType == typeof(StorageCapabilities))?.ImplementationInstance is StorageCapabilities { HasLogChangeFeed: true },
            "IntegrationHub:Logs:Provider = MongoDb keeps the logs as a projection of the storage's, which needs a storage that notes log changes; "
            + "set IntegrationHub:Storage:Provider to Sqlite or PostgreSql (and call UseMongoDbLogs after UseSqlite or UsePostgreSql).");
        return builder;
    }

    private static ILogReadModel Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILogReadModel)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.GetServiceOrCreateInstance(services, descriptor.ImplementationType!));
}
