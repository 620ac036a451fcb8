using System.Security.Cryptography;
using IntegrationHub.Configuration;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.Web.Security;

/// <summary>
/// <see cref="ISecretProtector"/> over ASP.NET Core Data Protection: authenticated encryption under
/// keys that the key ring rotates, old keys kept so that what they protected stays readable.
/// </summary>
public sealed class DataProtectionSecretProtector : ISecretProtector
{
    /// <summary>
    /// Isolates these ciphertexts from any other use of the same key ring. Changing it makes every
    /// stored secret unreadable.
    /// </summary>
    public const string Purpose = "IntegrationHub.Configuration.Secrets.v1";

    private readonly IDataProtector _protector;
    private readonly string _keyRingFolder;

    /// <param name="provider">The application's Data Protection provider.</param>
    /// <param name="keyRingFolder">Where the key ring is persisted; named in decryption failures.</param>
    public DataProtectionSecretProtector(IDataProtectionProvider provider, string keyRingFolder)
    {
        _protector = provider.CreateProtector(Purpose);
        _keyRingFolder = keyRingFolder;
    }

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue)
    {
        try
        {
            return _protector.Unprotect(protectedValue);
        }
        catch (CryptographicException e)
        {
            // Names where the keys were looked for, never the value: messages end up in logs.
            throw new CryptographicException(
                $"A stored secret could not be decrypted with the key ring in '{_keyRingFolder}' ({e.Message}). " +
                "The keys folder is missing, was replaced or belongs to another installation: restore it, or enter the integration's secrets again.",
                e);
        }
    }
}
