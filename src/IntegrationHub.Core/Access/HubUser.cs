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

    /// <summary>
    /// A random value every session of this user carries in its cookie. A new value ends every
    /// session issued before it: it changes on sign-out, on a new password, on a change of role,
    /// lab scope or enabled state. Never shown; empty only on a record not yet stored.
    /// </summary>
    public string SecurityStamp { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}
