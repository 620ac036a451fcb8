using IntegrationHub.Configuration;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

// In the namespace of the web layer's other entry points, so the composition root needs no new using.
namespace IntegrationHub.Web;

/// <summary>Encryption of integration secrets at rest.</summary>
public static class SecretProtectionServiceCollectionExtensions
{
    /// <summary>Name of the key ring folder under the data folder.</summary>
    public const string KeysFolderName = "keys";

    /// <summary>
    /// Encrypts integration secrets at rest with ASP.NET Core Data Protection (application name
    /// <c>IntegrationHub</c>), the key ring persisted in <c>{dataFolder}/keys</c>.
    /// </summary>
    /// <remarks>
    /// On Linux and macOS the key ring is written unencrypted (there is no DPAPI, and no certificate
    /// is configured here): whoever reads the keys folder can decrypt the secrets in the database.
    /// The folder is therefore created owner-only (0700), and narrowed to that if it already
    /// exists. Back it up apart from the database; losing it makes the stored secrets unreadable.
    /// </remarks>
    public static IServiceCollection AddHubSecretProtection(this IServiceCollection services, string dataFolder)
    {
        var keys = Path.GetFullPath(Path.Combine(dataFolder, KeysFolderName));
        CreateOwnerOnlyFolder(keys);
        services.AddDataProtection()
            .SetApplicationName("IntegrationHub")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton<ISecretProtector>(sp => new DataProtectionSecretProtector(sp.GetRequiredService<IDataProtectionProvider>(), keys));
        return services;
    }

    // Done here, before the key ring writes its first key, so no key is ever in a wider folder.
    private static void CreateOwnerOnlyFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(path, OwnerOnly);
        File.SetUnixFileMode(path, OwnerOnly);
    }
}
