using System.Globalization;

namespace IntegrationHub.Webhooks;

/// <summary>
/// Puts the Standard Webhooks headers on an outbound request: <c>webhook-id</c>,
/// <c>webhook-timestamp</c> and, when keys are given, <c>webhook-signature</c> with one
/// <c>v1,</c> signature per key.
/// </summary>
/// <remarks>
/// The signature covers the exact bytes the request will send: the content is serialized once into
/// the HMACs (and discarded) before it is sent, so a streamed body (PDFs in base64) is signed with
/// bounded memory. That makes the content's sources read twice; the content must allow it
/// (<c>AttachmentStreamContent</c> rewinds its sources on each serialization).
/// </remarks>
public static class WebhookSigner
{
    /// <summary>
    /// The HMAC keys of <paramref name="secrets"/>, in order. A secret that is not a valid
    /// <c>whsec_</c> secret fails with a message naming its position, never its value.
    /// </summary>
    public static IReadOnlyList<byte[]> KeysOf(IReadOnlyList<string> secrets)
    {
        var keys = new List<byte[]>(secrets.Count);
        for (var i = 0; i < secrets.Count; i++)
        {
            if (!WebhookSignature.TryReadKey(secrets[i], out var key))
            {
                throw new FormatException($"webhooks.signingSecrets[{i}] is not a valid {WebhookSignature.SecretPrefix} secret; enter it again.");
            }

            keys.Add(key);
        }

        return keys;
    }

    /// <summary>
    /// Sets the three headers on <paramref name="request"/>, replacing any of the same name already
    /// there (a configured header must not pass for the hub's own). Call it last, just before
    /// sending, so the timestamp is the moment of sending.
    /// </summary>
    public static async Task SignAsync(HttpRequestMessage request, string messageId, long timestamp, IReadOnlyList<byte[]> keys, CancellationToken cancellationToken)
    {
        Set(request, WebhookSignature.IdHeader, messageId);
        Set(request, WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Remove(WebhookSignature.SignatureHeader);
        if (keys.Count == 0)
        {
            return;
        }

        var hmacs = keys.Select(key => WebhookSignature.Begin(key, messageId, timestamp)).ToList();
        try
        {
            if (request.Content is not null)
            {
                await using var sink = new HmacWriteStream(hmacs);
                await request.Content.CopyToAsync(sink, cancellationToken);
            }

            request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, string.Join(' ', hmacs.Select(WebhookSignature.Finish)));
        }
        finally
        {
            foreach (var hmac in hmacs)
            {
                hmac.Dispose();
            }
        }
    }

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }
}
