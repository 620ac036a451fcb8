using IntegrationHub.Hosting;
using IntegrationHub.Lab.Hosting;
using IntegrationHub.Lab.PostgreSql;
using IntegrationHub.Lab.Sqlite;
using IntegrationHub.Storage.PostgreSql;
using IntegrationHub.Storage.Sqlite;

namespace IntegrationHub.Server;

/// <summary>
/// The storage backends this server can compose, by the name <c>IntegrationHub:Storage:Provider</c>
/// gives. A backend is one entry: its <c>UseX()</c> for the hub and for the reference lab.
/// </summary>
internal static class StorageProviders
{
    public const string Default = "Sqlite";

    private const string ProviderKey = StorageSettings.Section + ":Provider";

    private const string ConnectionStringKey = StorageSettings.Section + ":ConnectionString";

    private static readonly Dictionary<string, Action<IntegrationHubBuilder, ReferenceLabBuilder, StorageSettings, ServerSettings>> Known =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["Sqlite"] = (hub, lab, storage, server) =>
            {
                hub.UseSqlite(o =>
                {
                    o.ConnectionString = storage.ConnectionString ?? $"Data Source={Path.Combine(server.DataFolder, "hub.db")}";
                    o.Synchronous = storage.SqliteSynchronous;
                    o.MmapSizeMiB = storage.SqliteMmapSizeMiB;
                    o.CheckpointIntervalMs = storage.SqliteCheckpointIntervalMs;
                });
                lab.UseSqlite();
            },
            ["PostgreSql"] = (hub, lab, storage, _) =>
            {
                hub.UsePostgreSql(o =>
                {
                    o.ConnectionString = storage.ConnectionString!;
                    o.ClusterLimitPoll = TimeSpan.FromMilliseconds(storage.PostgreSqlClusterLimitPollMs);
                    o.SendSlotPoll = TimeSpan.FromMilliseconds(storage.PostgreSqlSendSlotPollMs);
                });
                lab.UsePostgreSql();
            },
        };

    /// <summary>Composes the configured backend, or stops the start naming the key to fix.</summary>
    /// <exception cref="StartupProblemException">An unknown provider, or a missing connection string where one is required.</exception>
    public static void Compose(IntegrationHubBuilder hub, ReferenceLabBuilder lab, StorageSettings storage, ServerSettings server)
    {
        if (!Known.TryGetValue(storage.Provider, out var compose))
        {
            throw new StartupProblemException(
                $"{ProviderKey} = '{storage.Provider}' is not a storage backend of this server; use one of: {string.Join(", ", Known.Keys)}.",
                StartupProblemException.InvalidSetting);
        }

        if (!storage.Provider.Equals(Default, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            throw new StartupProblemException(
                $"{ConnectionStringKey} is required when {ProviderKey} is {storage.Provider}.", StartupProblemException.InvalidSetting);
        }

        compose(hub, lab, storage, server);
    }
}
