namespace IntegrationHub.Access;

/// <summary>Users and API keys. Implemented once per backend.</summary>
public interface IAccessStore
{
    Task<HubUser?> FindUserAsync(string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<HubUser>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>Creates a user; false when the name is taken.</summary>
    Task<bool> CreateUserAsync(HubUser user, CancellationToken cancellationToken);

    /// <summary>Replaces role, labs, disabled flag, password hash and security stamp; false when the user does not exist.</summary>
    Task<bool> UpdateUserAsync(HubUser user, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces only the security stamp, which ends every session issued with the old one (a
    /// sign-out); false when the user does not exist. Touches nothing else, so it cannot undo a
    /// change made to the user at the same time.
    /// </summary>
    Task<bool> SetSecurityStampAsync(string userName, string securityStamp, CancellationToken cancellationToken);

    Task<HubApiKey?> FindApiKeyAsync(string keyHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<HubApiKey>> ListApiKeysAsync(CancellationToken cancellationToken);

    Task<HubApiKey> CreateApiKeyAsync(HubApiKey key, CancellationToken cancellationToken);

    /// <summary>Revokes a key; false when it does not exist or is already revoked.</summary>
    Task<bool> RevokeApiKeyAsync(long id, DateTimeOffset at, CancellationToken cancellationToken);
}
