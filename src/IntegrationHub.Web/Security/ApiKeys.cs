using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Web.Security;

/// <summary>API key format and hashing. Keys look like <c>ihk_</c> + 43 base64url characters (256 bits).</summary>
public static class ApiKeys
{
    public const string HeaderName = "X-Api-Key";

    public const string Prefix = "ihk_";

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the key: what the store keeps and looks up.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What lists show to recognise a key: its first characters only.</summary>
    public static string Display(string key) => key.Length > 10 ? key[..10] + "…" : "…";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
