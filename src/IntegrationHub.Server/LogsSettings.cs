namespace IntegrationHub.Server;

/// <summary>Where the logs the dashboard and the API read are kept, bound from <c>IntegrationHub:Logs</c>.</summary>
public sealed class LogsSettings
{
    public const string Section = "IntegrationHub:Logs";

    /// <summary><c>Storage</c> (default: the storage backend keeps them) or <c>MongoDb</c> (a MongoDB-compatible store, kept as a projection of the storage's).</summary>
    public string Provider { get; set; } = LogProviders.Default;

    /// <summary>MongoDB only, required: the connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>MongoDB only: the database. Default: <c>integration_hub</c>.</summary>
    public string Database { get; set; } = "integration_hub";

    /// <summary>MongoDB only: the most bytes of JSON in one log or attempt document before its bodies are cut and flagged. Default: 12 MiB.</summary>
    public int MaxDocumentBytes { get; set; } = 12 * 1024 * 1024;

    /// <summary>MongoDB only: the most change notes the relay takes in one batch. Default: 256.</summary>
    public int RelayBatchSize { get; set; } = 256;

    /// <summary>MongoDB only: how long the relay waits before looking again when nothing changed, in ms. Default: 100.</summary>
    public int RelayPollMs { get; set; } = 100;
}
