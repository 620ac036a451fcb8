namespace IntegrationHub.Web.Inbound;

/// <summary>Endpoint metadata: this endpoint's calls are logged to the IntegrationDirectory as inbound logs.</summary>
public interface IIntegrationLogMetadata
{
    /// <summary>The log's action name; null: the method and route pattern, e.g. <c>POST /api/labs/{labId}/patients</c>.</summary>
    string? ActionName { get; }

    /// <summary>Whether reads (GET, HEAD) are logged too. Default: no, only calls that change something.</summary>
    bool IncludeReads { get; }
}
