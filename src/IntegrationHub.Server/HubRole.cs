namespace IntegrationHub.Server;

/// <summary>
/// What one hub process does (<c>IntegrationHub:Role</c>). Any mix of roles may serve one database
/// whose backend shares its state across processes (PostgreSQL).
/// </summary>
public enum HubRole
{
    /// <summary>Serves the API and the dashboard, and delivers (the default; one process is a whole hub).</summary>
    All,

    /// <summary>Serves the API and the dashboard; queued deliveries are left to the worker processes.</summary>
    Web,

    /// <summary>Delivers; answers only <c>GET /health</c>.</summary>
    Worker,
}
