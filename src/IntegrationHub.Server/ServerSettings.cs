namespace IntegrationHub.Server;

/// <summary>Where the server keeps its files and what it does; bound from the <c>IntegrationHub</c> section.</summary>
public sealed class ServerSettings
{
    /// <summary>The section these settings share with the engine's option classes.</summary>
    public const string Section = "IntegrationHub";

    /// <summary>Folder for the SQLite file, report PDFs, keys and the spool. Default: <c>data</c> under the working folder.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>What this process does: <c>All</c> (default), <c>Web</c> (API and dashboard) or <c>Worker</c> (deliveries).</summary>
    public HubRole Role { get; set; } = HubRole.All;
}
