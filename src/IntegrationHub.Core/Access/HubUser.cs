namespace IntegrationHub.Access;

/// <summary>A person who signs in to the dashboard.</summary>
public sealed record HubUser
{
    public long Id { get; init; }

    /// <summary>Unique, case-insensitive.</summary>
    public required string UserName { get; init; }

    /// <summary>ASP.NET Core password hasher output; the password itself is never stored.</summary>
    public required string PasswordHash { get; init; }

    public HubRole Role { get; init; } = HubRole.Viewer;

    public LabScope Labs { get; init; } = LabScope.Only([]);

    public bool Disabled { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
