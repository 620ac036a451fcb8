using IntegrationHub.Access;
using Microsoft.AspNetCore.Identity;

namespace IntegrationHub.Web.Security;

/// <summary>Creating and checking users and API keys; passwords go through ASP.NET Core's password hasher.</summary>
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

        return user;
    }

    /// <summary>Creates a user; returns the problem (name taken, short password) or null.</summary>
    public async Task<string?> CreateUserAsync(string userName, string password, HubRole role, LabScope labs, CancellationToken cancellationToken)
    {
        if (Problem(userName, password) is { } problem)
        {
            return problem;
        }

        var user = new HubUser { UserName = userName.Trim(), PasswordHash = "", Role = role, Labs = labs, CreatedAt = time.GetUtcNow() };
        user = user with { PasswordHash = hasher.HashPassword(user, password) };
        return await store.CreateUserAsync(user, cancellationToken) ? null : $"A user named '{user.UserName}' already exists.";
    }

    /// <summary>Changes role, labs, enabled state and, when given, the password.</summary>
    public async Task<string?> UpdateUserAsync(string userName, HubRole role, LabScope labs, bool disabled, string? newPassword, CancellationToken cancellationToken)
    {
        var user = await store.FindUserAsync(userName, cancellationToken);
        if (user is null)
        {
            return $"User '{userName}' does not exist.";
        }

        if (!string.IsNullOrEmpty(newPassword) && newPassword.Length < MinPasswordLength)
        {
            return $"The password must have at least {MinPasswordLength} characters.";
        }

        var updated = user with { Role = role, Labs = labs, Disabled = disabled };
        if (!string.IsNullOrEmpty(newPassword))
        {
            updated = updated with { PasswordHash = hasher.HashPassword(updated, newPassword) };
        }

        await store.UpdateUserAsync(updated, cancellationToken);
        return null;
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

    private static readonly HubUser Placeholder = new() { UserName = "-", PasswordHash = "" };

    private static readonly string PlaceholderHash = new PasswordHasher<HubUser>().HashPassword(Placeholder, Guid.NewGuid().ToString());
}
