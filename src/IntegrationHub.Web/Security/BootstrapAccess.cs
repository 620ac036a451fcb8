using System.Security.Cryptography;
using IntegrationHub.Access;
using IntegrationHub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Security;

/// <summary>
/// Makes sure someone can sign in on a fresh install: the configured admin is created when missing,
/// and the configured bootstrap API key is kept in place. Nothing here is ever anonymous.
/// </summary>
public sealed class BootstrapAccess(
    IAccessStore store,
    UserAccounts accounts,
    IOptions<HubSecurityOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<BootstrapAccess> logger)
{
    public const string PasswordFileName = "bootstrap-admin-password.txt";

    public async Task EnsureAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var userName = configuration["HUB_ADMIN_USER"] is { Length: > 0 } envUser ? envUser : settings.AdminUserName;
        var password = configuration["HUB_ADMIN_PASSWORD"] is { Length: > 0 } envPassword ? envPassword : settings.AdminPassword;
        await EnsureAdminAsync(userName, password, dataFolder, cancellationToken);

        var apiKey = configuration["HUB_BOOTSTRAP_API_KEY"] is { Length: > 0 } envKey ? envKey : settings.BootstrapApiKey;
        if (!string.IsNullOrEmpty(apiKey))
        {
            await EnsureApiKeyAsync(apiKey, cancellationToken);
        }
    }

    private async Task EnsureAdminAsync(string userName, string? password, string dataFolder, CancellationToken cancellationToken)
    {
        if (await store.FindUserAsync(userName, cancellationToken) is not null)
        {
            return;
        }

        var generated = false;
        if (string.IsNullOrEmpty(password))
        {
            if ((await store.ListUsersAsync(cancellationToken)).Count > 0)
            {
                return;
            }

            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            generated = true;
        }

        var problem = await accounts.CreateUserAsync(userName, password, HubRole.Admin, LabScope.AllLabs, cancellationToken);
        if (problem is not null)
        {
            throw new InvalidOperationException($"The bootstrap admin could not be created: {problem} Set HUB_ADMIN_PASSWORD (or IntegrationHub:Security:AdminPassword) accordingly.");
        }

        if (generated)
        {
            var file = Path.Combine(dataFolder, PasswordFileName);
            Directory.CreateDirectory(dataFolder);
            var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Owner-only from the moment it exists, not chmod-ed afterwards.
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var writer = new StreamWriter(file, fileOptions))
            {
                await writer.WriteLineAsync(password.AsMemory(), cancellationToken);
            }

            logger.LogWarning("Created admin user '{User}' with a generated password, written to {File}. Sign in and change it, then delete the file.", userName, Path.GetFullPath(file));
        }
        else
        {
            logger.LogInformation("Created admin user '{User}' from configuration.", userName);
        }
    }

    private async Task EnsureApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (!apiKey.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal) || apiKey.Length < ApiKeys.Prefix.Length + 32)
        {
            throw new InvalidOperationException($"HUB_BOOTSTRAP_API_KEY must start with '{ApiKeys.Prefix}' followed by at least 32 characters.");
        }

        var hash = ApiKeys.Hash(apiKey);
        if (await store.FindApiKeyAsync(hash, cancellationToken) is { } existing)
        {
            if (existing.RevokedAt is not null)
            {
                // A revoked key stays revoked: it may have been revoked because it leaked.
                logger.LogWarning("The configured bootstrap API key was revoked on {At:u}; it is not restored. Configure a new one or remove HUB_BOOTSTRAP_API_KEY.", existing.RevokedAt);
            }

            return;
        }

        await store.CreateApiKeyAsync(new HubApiKey
        {
            Name = "bootstrap",
            Prefix = ApiKeys.Display(apiKey),
            KeyHash = hash,
            Role = HubRole.Admin,
            Labs = LabScope.AllLabs,
            CreatedBy = "configuration",
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
    }
}
