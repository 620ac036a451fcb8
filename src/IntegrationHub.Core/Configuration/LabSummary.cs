namespace IntegrationHub.Configuration;

/// <summary>A laboratory: the unit integrations are configured for.</summary>
/// <remarks>
/// Properties rather than a positional record: <c>GET /api/labs</c> answers this type, and its
/// OpenAPI schema stays the one the lab's entity had (no required list).
/// </remarks>
public sealed record LabSummary
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    /// <summary>Short unique code, e.g. "CITY-01".</summary>
    public string Code { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}
