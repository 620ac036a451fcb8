using IntegrationHub.Access;

namespace IntegrationHub.Web.Security;

/// <summary>What <see cref="UserAccounts.UpdateUserAsync"/> did: the user as stored, or why nothing was stored.</summary>
public sealed record UserUpdateResult
{
    /// <summary>The user after the change; null when it was refused.</summary>
    public HubUser? User { get; init; }

    /// <summary>Why the change was refused (unknown user, short password); null when it was stored.</summary>
    public string? Problem { get; init; }

    /// <summary>The user does not exist.</summary>
    public bool NotFound { get; init; }

    /// <summary>The password was replaced.</summary>
    public bool PasswordChanged { get; init; }

    /// <summary>The security stamp was replaced: every session of the user has ended.</summary>
    public bool SessionsEnded { get; init; }

    /// <summary>The audit log's line for the change, e.g. <c>Viewer, labs 1,3, disabled, sessions ended</c>.</summary>
    public string AuditDetail => User is not { } user
        ? Problem ?? ""
        : $"{user.Role}, labs {user.Labs}{(user.Disabled ? ", disabled" : "")}{(PasswordChanged ? ", password changed" : "")}{(SessionsEnded ? ", sessions ended" : "")}";
}
