namespace IntegrationHub.Lab.Domain;

/// <summary>A laboratory: the unit integrations are configured for.</summary>
public sealed class Lab
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Short unique code, e.g. "CITY-01".</summary>
    public string Code { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
