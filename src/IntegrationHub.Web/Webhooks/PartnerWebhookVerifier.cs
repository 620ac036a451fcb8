using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Configuration;
using IntegrationHub.Webhooks;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Webhooks;

/// <summary>
/// Checks that a callback comes from the integration's partner, on the raw bytes, before anything
/// parses them: by a Standard Webhooks signature with one of the integration's inbound secrets, or,
/// for partners that cannot sign, by its inbound API key.
/// </summary>
internal sealed class PartnerWebhookVerifier(TimeProvider time)
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Null when the callback is authentic; otherwise why not.</summary>
    public WebhookRefusal? Verify(LabIntegration integration, IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        var settings = integration.Webhooks;
        if (settings.InboundSecrets.Count > 0)
        {
            return VerifySignature(settings.InboundSecrets, headers, body);
        }

        if (!string.IsNullOrEmpty(settings.InboundApiKey))
        {
            var offered = headers[ApiKeyHeader].ToString();
            // Digests of equal length, so the comparison says nothing about the key's length either.
            return offered.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(Encoding.UTF8.GetBytes(settings.InboundApiKey)))
                ? null
                : WebhookRefusal.Unauthorized(offered.Length == 0 ? $"Send the integration's inbound API key in {ApiKeyHeader}." : $"The key in {ApiKeyHeader} is not this integration's inbound key.");
        }

        return new WebhookRefusal(StatusCodes.Status403Forbidden, "This integration takes no callbacks.",
            $"Integration {integration.Id} has neither webhooks.inboundSecrets nor webhooks.inboundApiKey configured.");
    }

    private WebhookRefusal? VerifySignature(List<string> secrets, IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        var id = headers[WebhookSignature.IdHeader].ToString();
        var timestampText = headers[WebhookSignature.TimestampHeader].ToString();
        var signature = headers[WebhookSignature.SignatureHeader].ToString();
        if (id.Length == 0 || timestampText.Length == 0)
        {
            return WebhookRefusal.BadRequest($"A signed callback needs the {WebhookSignature.IdHeader} and {WebhookSignature.TimestampHeader} headers.");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return WebhookRefusal.BadRequest($"{WebhookSignature.TimestampHeader} must be whole seconds since 1970-01-01 UTC.");
        }

        if (signature.Length == 0)
        {
            return WebhookRefusal.Unauthorized($"The {WebhookSignature.SignatureHeader} header is missing.");
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        var skew = (time.GetUtcNow() - sent).Duration();
        if (skew > WebhookSignature.Tolerance)
        {
            return WebhookRefusal.Unauthorized($"{WebhookSignature.TimestampHeader} is {skew.TotalMinutes:0} minutes from the hub's clock; at most {WebhookSignature.Tolerance.TotalMinutes:0} are allowed.");
        }

        var keys = secrets.Select(s => WebhookSignature.TryReadKey(s, out var key) ? key : null).OfType<byte[]>();
        return WebhookSignature.Verify(keys, id, timestamp, body, signature)
            ? null
            : WebhookRefusal.Unauthorized($"No signature in {WebhookSignature.SignatureHeader} matches the body under this integration's inbound secrets.");
    }
}
