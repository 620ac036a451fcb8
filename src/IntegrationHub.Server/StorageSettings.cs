namespace IntegrationHub.Server;

/// <summary>Which storage backend the server composes, bound from <c>IntegrationHub:Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Section = "IntegrationHub:Storage";

    /// <summary>The backend of configuration, access, audit, outbox, queue and logs, and of the reference lab. Default: <c>Sqlite</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Default;

    /// <summary>The backend's connection string. Default for SQLite: <c>Data Source={DataFolder}/hub.db</c>; required for any other backend.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite only: the <c>synchronous</c> level, NORMAL (default) or FULL.</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>SQLite only: how much of the database file is memory-mapped, in MiB (<c>PRAGMA mmap_size</c>); 0 (default) turns it off.</summary>
    public int SqliteMmapSizeMiB { get; set; }

    /// <summary>SQLite only: the background WAL checkpoint runs at most this often after writes, in ms; 0 leaves it to SQLite inside commits. Default: 250.</summary>
    public int SqliteCheckpointIntervalMs { get; set; } = 250;

    /// <summary>PostgreSQL only: how often a receive looks again while due work waits for an integration's room in the cluster, in ms. Default: 50.</summary>
    public int PostgreSqlClusterLimitPollMs { get; set; } = 50;

    /// <summary>PostgreSQL only: how often a send waiting for its integration's rate, held by sends in flight, asks again, in ms. Default: 10.</summary>
    public int PostgreSqlSendSlotPollMs { get; set; } = 10;
}
