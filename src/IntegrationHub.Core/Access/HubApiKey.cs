namespace IntegrationHub.Access;

/// <summary>
/// A machine client's key. Only its SHA-256 hash is stored (the key is 256 random bits, so a
/// fast hash is enough); the key itself is shown once, when created.
/// </summary>
public sealed record HubApiKey
{
    public long Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The first characters of the key, to recognise it in lists.</summary>
    public required string Prefix { get; init; }

    public required string KeyHash { get; init; }

    public HubRole Role { get; init; } = HubRole.Viewer;

    public LabScope Labs { get; init; } = LabScope.Only([]);

    public string CreatedBy { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
}
