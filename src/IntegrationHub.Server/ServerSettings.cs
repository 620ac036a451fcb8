namespace IntegrationHub.Server;

/// <summary>Where the server keeps its data; bound from the <c>IntegrationHub</c> section.</summary>
public sealed class ServerSettings
{
    /// <summary>The section these settings share with <see cref="Hosting.HubOptions"/>.</summary>
    public const string Section = Hosting.HubOptions.Section;

    /// <summary>Folder for the SQLite file, report PDFs and keys. Default: <c>data</c> under the working folder.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>SQLite connection string; default <c>Data Source={DataFolder}/hub.db</c>.</summary>
    public string? SqliteConnectionString { get; set; }

    /// <summary>SQLite synchronous level: NORMAL (default) or FULL.</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    public string ConnectionString => SqliteConnectionString ?? $"Data Source={Path.Combine(DataFolder, "hub.db")}";
}
