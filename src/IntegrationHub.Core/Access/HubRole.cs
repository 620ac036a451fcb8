namespace IntegrationHub.Access;

/// <summary>What a person or machine may do. Each role includes the ones below it.</summary>
public enum HubRole
{
    /// <summary>Metadata only: statuses, counts, errors; never payloads or bodies.</summary>
    Viewer = 1,

    /// <summary>Also payloads, request and response bodies, retries and test sends.</summary>
    Operator = 2,

    /// <summary>Also integrations, labs, users, API keys and the audit log.</summary>
    Admin = 3,
}
