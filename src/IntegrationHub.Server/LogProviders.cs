using IntegrationHub.Hosting;
using IntegrationHub.Logs.MongoDb;
using IntegrationHub.Web.Api;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Server;

/// <summary>The log stores this server can compose, by the name <c>IntegrationHub:Logs:Provider</c> gives; after the storage.</summary>
internal static class LogProviders
{
    public const string Default = "Storage";

    private const string ProviderKey = LogsSettings.Section + ":Provider";

    private const string ConnectionStringKey = LogsSettings.Section + ":ConnectionString";

    private static readonly string[] Known = [Default, "MongoDb"];

    /// <summary>Composes the configured log store, or stops the start naming the key to fix.</summary>
    /// <exception cref="StartupProblemException">An unknown provider, or MongoDB without a connection string.</exception>
    public static void Compose(IntegrationHubBuilder hub, LogsSettings logs)
    {
        if (logs.Provider.Equals(Default, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!logs.Provider.Equals("MongoDb", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupProblemException(
                $"{ProviderKey} = '{logs.Provider}' is not a log store of this server; use one of: {string.Join(", ", Known)}.",
                StartupProblemException.InvalidSetting);
        }

        if (string.IsNullOrWhiteSpace(logs.ConnectionString))
        {
            throw new StartupProblemException($"{ConnectionStringKey} is required when {ProviderKey} is MongoDb.", StartupProblemException.InvalidSetting);
        }

        hub.UseMongoDbLogs(
            o =>
            {
                o.ConnectionString = logs.ConnectionString;
                o.Database = logs.Database;
                o.MaxDocumentBytes = logs.MaxDocumentBytes;
            },
            relay =>
            {
                relay.BatchSize = logs.RelayBatchSize;
                relay.PollInterval = TimeSpan.FromMilliseconds(logs.RelayPollMs);
            });
        hub.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionProblemMap, LogStoreUnavailableProblemMap>());
    }
}
