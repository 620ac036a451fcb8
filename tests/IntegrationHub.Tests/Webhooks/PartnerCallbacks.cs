using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Tests.Webhooks;

/// <summary>
/// What a partner sends: a callback signed the Standard Webhooks way. The signature is computed
/// here with plain HMACSHA256, independently of the hub's own WebhookSignature.
/// </summary>
internal static class PartnerCallbacks
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public const string OtherSecret = "whsec_dGhlIHNlY29uZCBzZWNyZXQgb2YgdGhlIHBhcnRuZXI=";

    public static string Sign(string secret, string id, long timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(signed));
    }

    public static HttpRequestMessage Signed(long integrationId, string json, string? id = null, DateTimeOffset? at = null, string secret = Secret, string? signature = null) =>
        SignedBytes(integrationId, Encoding.UTF8.GetBytes(json), id, at, secret, signature);

    public static HttpRequestMessage SignedBytes(long integrationId, byte[] body, string? id = null, DateTimeOffset? at = null, string secret = Secret, string? signature = null)
    {
        id ??= "wh_" + Guid.NewGuid().ToString("N");
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{integrationId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature ?? Sign(secret, id, timestamp, body));
        return request;
    }
}
