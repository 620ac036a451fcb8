using IntegrationHub.Access;

namespace IntegrationHub.Storage;

/// <summary>Users and API keys (only the keys' SHA-256 hashes). Implemented once per backend.</summary>
public interface IAccessStore
{
    /// <summary>The user of that name, whatever its case (names are unique without regard to case); null when none.</summary>
    /// <param name="userName">The sign-in name.</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<HubUser?> FindUserAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Every user, ordered by name.</summary>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<IReadOnlyList<HubUser>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>Creates a user; false when the name is taken.</summary>
    /// <param name="user">The new user.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task<bool> CreateUserAsync(HubUser user, CancellationToken cancellationToken);

    /// <summary>Replaces role, labs, disabled flag, password hash and security stamp; false when the user does not exist.</summary>
    /// <param name="user">The user, named by its name.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task<bool> UpdateUserAsync(HubUser user, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces only the security stamp, which ends every session issued with the old one (a
    /// sign-out); false when the user does not exist. Touches nothing else, so it cannot undo a
    /// change made to the user at the same time.
    /// </summary>
    /// <param name="userName">The user's name.</param>
    /// <param name="securityStamp">The new stamp.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task<bool> SetSecurityStampAsync(string userName, string securityStamp, CancellationToken cancellationToken);

    /// <summary>The key with that hash, revoked or not; null when none.</summary>
    /// <param name="keyHash">The SHA-256 of the key, as <c>ApiKeys</c> computes it.</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<HubApiKey?> FindApiKeyAsync(string keyHash, CancellationToken cancellationToken);

    /// <summary>Every key, revoked ones included, ordered by id.</summary>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<IReadOnlyList<HubApiKey>> ListApiKeysAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new key (its hash) and returns it with its id.</summary>
    /// <param name="key">The key; its id is ignored.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task<HubApiKey> CreateApiKeyAsync(HubApiKey key, CancellationToken cancellationToken);

    /// <summary>Revokes a key; false when it does not exist or is already revoked.</summary>
    /// <param name="id">The key's id.</param>
    /// <param name="at">When it was revoked.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task<bool> RevokeApiKeyAsync(long id, DateTimeOffset at, CancellationToken cancellationToken);
}
