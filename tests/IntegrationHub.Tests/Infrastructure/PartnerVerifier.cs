using System.Text;
using IntegrationHub.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// Checks deliveries the way a partner would, with the StandardWebhooks package rather than the
/// hub's own code. The package takes the body as a string and signs its UTF-8 bytes, so it can
/// only check bodies that are valid UTF-8; <see cref="PythonHmac"/> checks arbitrary bytes.
/// </summary>
public static class PartnerVerifier
{
    /// <summary>Throws unless the package accepts the request under <paramref name="secret"/>, timestamp checked against the real clock.</summary>
    public static void Verify(string secret, SinkRequest request)
    {
        var headers = new HeaderDictionary();
        foreach (var name in new[] { WebhookSignature.IdHeader, WebhookSignature.TimestampHeader, WebhookSignature.SignatureHeader })
        {
            if (request.Header(name) is { } value)
            {
                headers[name] = value;
            }
        }

        new StandardWebhook(secret).Verify(StrictUtf8.GetString(request.BodyBytes), headers);
    }

    public static bool Accepts(string secret, SinkRequest request)
    {
        try
        {
            Verify(secret, request);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>The package's signature of a body at a given timestamp: for fake clocks, where its own check of the timestamp cannot pass.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body) =>
        new StandardWebhook(secret).Sign(messageId, DateTimeOffset.FromUnixTimeSeconds(timestamp), body);

    /// <summary>Fails on bytes that are not UTF-8, rather than replacing them and verifying something else.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
