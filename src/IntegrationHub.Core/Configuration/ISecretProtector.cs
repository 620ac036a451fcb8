namespace IntegrationHub.Configuration;

/// <summary>
/// Encrypts integration secrets before they reach a store and decrypts them after a read. The
/// core holds no cryptography of its own: the host supplies one (the web layer's uses ASP.NET Core
/// Data Protection), and the engine refuses to start without it.
/// </summary>
public interface ISecretProtector
{
    /// <summary>An opaque, printable ciphertext of <paramref name="plaintext"/>.</summary>
    string Protect(string plaintext);

    /// <summary>The plaintext of a value made by <see cref="Protect"/>.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">
    /// The value cannot be decrypted (missing or foreign keys, tampered value). The message names
    /// where the keys were looked for and never holds the value.
    /// </exception>
    string Unprotect(string protectedValue);
}
