using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Webhooks;

/// <summary>
/// The Standard Webhooks signature scheme (standardwebhooks.com): <c>v1,</c> + base64 of
/// HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed by the base64 part of a
/// <c>whsec_</c> secret. Written here rather than taken from the StandardWebhooks package because
/// the hub must sign bodies it streams (PDFs) without holding them, and verify raw bytes before
/// any parsing; the package's API takes whole strings. The tests check it against that package.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public const string IdHeader = "webhook-id";

    public const string TimestampHeader = "webhook-timestamp";

    public const string SignatureHeader = "webhook-signature";

    /// <summary>Prefix of every <c>webhook-id</c> the hub sends: <c>msg_</c> + the delivery's log id.</summary>
    public const string MessageIdPrefix = "msg_";

    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_");

    /// <summary>How far a callback's timestamp may be from now, either way.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The HMAC key of a <c>whsec_</c> secret; false when it is not one.</summary>
    public static bool TryReadKey(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length is >= 16 and <= 128;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The <c>webhook-id</c> of a delivery: <c>msg_</c> + its log id. The same for every attempt of
    /// the delivery, so the partner can drop a duplicate, and readable back by
    /// <see cref="TryReadLogId"/> when the partner's callback names it.
    /// </summary>
    public static string MessageIdFor(string logId) => MessageIdPrefix + logId;

    /// <summary>The log id a <c>webhook-id</c> made by <see cref="MessageIdFor"/> names; false for any other id.</summary>
    public static bool TryReadLogId(string? messageId, out string logId)
    {
        logId = "";
        if (messageId is null || messageId.Length <= MessageIdPrefix.Length || !messageId.StartsWith(MessageIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        // Log ids are hex; anything else is not ours, and is refused before it reaches a store.
        var rest = messageId.AsSpan(MessageIdPrefix.Length);
        if (rest.Length > 64 || rest.ContainsAnyExcept(IdCharacters))
        {
            return false;
        }

        logId = rest.ToString();
        return true;
    }

    /// <summary>The <c>webhook-timestamp</c> value of an instant: whole unix seconds.</summary>
    public static long TimestampOf(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    /// <summary>A new random secret: 32 bytes, as <c>whsec_</c> + base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>An HMAC that has absorbed <c>{id}.{timestamp}.</c>; feed it the body, then call <see cref="Finish"/>.</summary>
    public static IncrementalHash Begin(byte[] key, string id, long timestamp)
    {
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}."));
        return hmac;
    }

    /// <summary>The <c>v1,</c> signature of what <paramref name="hmac"/> absorbed.</summary>
    public static string Finish(IncrementalHash hmac) => "v1," + Convert.ToBase64String(hmac.GetHashAndReset());

    /// <summary>The signature of a whole body held in memory.</summary>
    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = Begin(key, id, timestamp);
        hmac.AppendData(body);
        return Finish(hmac);
    }

    /// <summary>
    /// Whether any <c>v1,</c> signature in the space-separated <paramref name="signatureHeader"/>
    /// matches <paramref name="body"/> under any of <paramref name="keys"/>. Compared in constant time.
    /// </summary>
    public static bool Verify(IEnumerable<byte[]> keys, string id, long timestamp, ReadOnlySpan<byte> body, string signatureHeader)
    {
        var offered = signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => Encoding.ASCII.GetBytes(s))
            .ToList();
        var matched = false;
        foreach (var key in keys)
        {
            var expected = Encoding.ASCII.GetBytes(Sign(key, id, timestamp, body));
            foreach (var candidate in offered)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return matched;
    }
}
