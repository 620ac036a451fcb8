namespace IntegrationHub.Server;

/// <summary>Where the server keeps its files; bound from the <c>IntegrationHub</c> section.</summary>
public sealed class ServerSettings
{
    /// <summary>The section these settings share with the engine's option classes.</summary>
    public const string Section = "IntegrationHub";

    /// <summary>Folder for the SQLite file, report PDFs, keys and the spool. Default: <c>data</c> under the working folder.</summary>
    public string DataFolder { get; set; } = "data";
}
