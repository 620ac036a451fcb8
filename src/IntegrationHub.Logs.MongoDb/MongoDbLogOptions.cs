using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Logs.MongoDb;

/// <summary>Where the log documents are kept, and the bounds of one document and one wait.</summary>
public sealed class MongoDbLogOptions
{
    /// <summary>A MongoDB connection string (<c>IntegrationHub:Logs:ConnectionString</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "";

    /// <summary>The database the collections live in (<c>IntegrationHub:Logs:Database</c>). Default: <c>integration_hub</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Database { get; set; } = "integration_hub";

    /// <summary>
    /// The most bytes of JSON one log or attempt document may carry before its bodies are cut (and
    /// flagged as truncated); under the 16 MiB document limit MongoDB, DocumentDB and Cosmos DB
    /// share, with room for the indexed fields and the state. Default: 12 MiB.
    /// </summary>
    [Range(64 * 1024, 15 * 1024 * 1024)]
    public int MaxDocumentBytes { get; set; } = 12 * 1024 * 1024;

    /// <summary>How long a call waits for the engine to be reachable, unless the connection string sets <c>serverSelectionTimeoutMS</c>. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ServerSelectionTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
