using System.Security.Cryptography;
using IntegrationHub.Access;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Identity;

namespace IntegrationHub.Web.Security;

/// <summary>
/// Creating and checking users and API keys; passwords go through ASP.NET Core's password hasher.
/// Every change that should end a user's sessions (sign-out, new password, role, lab scope, enabled
/// state) gives the user a new security stamp, which the session cookies are checked against.
/// </summary>
public sealed class UserAccounts(IAccessStore store, IPasswordHasher<HubUser> hasher, TimeProvider time)
{
    /// <summary>Minimum password length for people.</summary>
    public const int MinPasswordLength = 10;

    /// <summary>The user when the password matches and the account is enabled; otherwise null.</summary>
    public async Task<HubUser?> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await store.FindUserAsync(userName.Trim(), cancellationToken);
        if (user is null || user.Disabled)
        {
            // Same work as a real check, so a missing user is not told apart by timing.
            hasher.VerifyHashedPassword(Placeholder, PlaceholderHash, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await store.UpdateUserAsync(user with { PasswordHash = hasher.HashPassword(user, password) }, cancellationToken);
        }

        if (user.SecurityStamp.Length == 0)
        {
            // A session must carry a stamp that a later change can replace; a record without one gets one now.
            user = user with { SecurityStamp = NewSecurityStamp() };
            await store.SetSecurityStampAsync(user.UserName, user.SecurityStamp, cancellationToken);
        }

        return user;
    }

    /// <summary>Ends every session of the user (all browsers, all copies of their cookies); false when the user does not exist.</summary>
    public Task<bool> EndSessionsAsync(string userName, CancellationToken cancellationToken) =>
        store.SetSecurityStampAsync(userName, NewSecurityStamp(), cancellationToken);

    /// <summary>Creates a user; returns the problem (name taken, short password) or null.</summary>
    public async Task<string?> CreateUserAsync(string userName, string password, HubRole role, LabScope labs, CancellationToken cancellationToken)
    {
        if (Problem(userName, password) is { } problem)
        {
            return problem;
        }

        var user = new HubUser { UserName = userName.Trim(), PasswordHash = "", Role = role, Labs = labs, CreatedAt = time.GetUtcNow(), SecurityStamp = NewSecurityStamp() };
        user = user with { PasswordHash = hasher.HashPassword(user, password) };
        return await store.CreateUserAsync(user, cancellationToken) ? null : $"A user named '{user.UserName}' already exists.";
    }

    /// <summary>
    /// Applies the fields of <paramref name="change"/> that are set. A new password, role or lab
    /// scope, or a change of the enabled state, ends the user's sessions; a change that changes
    /// nothing leaves them alone. Enabling a user again does not revive the sessions ended when
    /// the user was disabled.
    /// </summary>
    public async Task<UserUpdateResult> UpdateUserAsync(string userName, UserChange change, CancellationToken cancellationToken)
    {
        var user = await store.FindUserAsync(userName, cancellationToken);
        if (user is null)
        {
            return new UserUpdateResult { Problem = $"User '{userName}' does not exist.", NotFound = true };
        }

        var newPassword = string.IsNullOrEmpty(change.NewPassword) ? null : change.NewPassword;
        if (newPassword is not null && newPassword.Length < MinPasswordLength)
        {
            return new UserUpdateResult { Problem = $"The password must have at least {MinPasswordLength} characters." };
        }

        var updated = user with
        {
            Role = change.Role ?? user.Role,
            Labs = change.Labs ?? user.Labs,
            Disabled = change.Disabled ?? user.Disabled,
        };
        if (newPassword is not null)
        {
            updated = updated with { PasswordHash = hasher.HashPassword(updated, newPassword) };
        }

        // LabScope is compared in its stored form: the record's set is compared by reference.
        var endSessions = newPassword is not null
            || updated.Role != user.Role
            || updated.Labs.ToString() != user.Labs.ToString()
            || updated.Disabled != user.Disabled;
        if (endSessions)
        {
            updated = updated with { SecurityStamp = NewSecurityStamp() };
        }

        if (!await store.UpdateUserAsync(updated, cancellationToken))
        {
            return new UserUpdateResult { Problem = $"User '{userName}' does not exist.", NotFound = true };
        }

        return new UserUpdateResult { User = updated, PasswordChanged = newPassword is not null, SessionsEnded = endSessions };
    }

    /// <summary>Creates an API key and returns it with the one and only copy of the key.</summary>
    public async Task<(HubApiKey Stored, string Key)> CreateApiKeyAsync(string name, HubRole role, LabScope labs, string createdBy, CancellationToken cancellationToken)
    {
        var key = ApiKeys.NewKey();
        var stored = await store.CreateApiKeyAsync(new HubApiKey
        {
            Name = name.Trim(),
            Prefix = ApiKeys.Display(key),
            KeyHash = ApiKeys.Hash(key),
            Role = role,
            Labs = labs,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
        return (stored, key);
    }

    private static string? Problem(string userName, string password)
    {
        var name = userName.Trim();
        if (name.Length is < 2 or > 64 || name.StartsWith("key:", StringComparison.OrdinalIgnoreCase) || name.Any(char.IsControl))
        {
            return "The user name must have 2 to 64 characters and not start with 'key:'.";
        }

        return password.Length < MinPasswordLength ? $"The password must have at least {MinPasswordLength} characters." : null;
    }

    private static string NewSecurityStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static readonly HubUser Placeholder = new() { UserName = "-", PasswordHash = "" };

    private static readonly string PlaceholderHash = new PasswordHasher<HubUser>().HashPassword(Placeholder, Guid.NewGuid().ToString());
}
