using System.Net;
using System.Text;
using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Dispatch.Auth;
using IntegrationHub.Families;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Queue;
using IntegrationHub.Storage;
using IntegrationHub.Webhooks;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Dispatch;

/// <summary>
/// The central dispatcher (the seed's <c>integrationWebhookAPI</c>): every queued delivery is sent
/// here. It streams attachments in just in time, authenticates, sends, records the request and the
/// answer with secrets masked and scrubbed, and classifies the outcome. It never throws for a
/// delivery problem. Each exchange, the answer's body included, ends within the integration's
/// timeout; the whole attempt (a token fetch, a send, and once more after a 401) within twice it.
/// </summary>
public sealed partial class IntegrationDispatcher(
    IHttpClientFactory clients,
    PartnerAuthenticator authenticator,
    IDeliveryThrottle throttle,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    IOptions<BodyCaptureOptions> capture)
{
    /// <summary>Name of the HttpClient deliveries are sent with (no redirects, destination policy on every connection).</summary>
    public const string ClientName = "IntegrationHub.Dispatch";

    private const long MaxCountedResponseBytes = 16 * 1024 * 1024;

    /// <summary>Longest partner reference kept from an answer: an id, not a document.</summary>
    public const int MaxPartnerReferenceLength = 200;

    /// <summary>How old a signature may be when its request leaves the rate gate; partners allow about five minutes.</summary>
    private static readonly TimeSpan StaleSignature = TimeSpan.FromMinutes(1);

    /// <summary>Sends one delivery task to its integration.</summary>
    public async Task<DispatchResult> DispatchAsync(DispatchTask task, LabIntegration integration, IActionFamily family, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var secretNames = SecretMasker.SecretHeaderNames(integration);
        using var budget = new CancellationTokenSource(2 * TimeSpan.FromSeconds(integration.TimeoutSeconds), time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        RequestRecord? sent = null;
        try
        {
            var exchange = await ExchangeAsync(task, integration, family, secretNames, refresh: false, attempt.Token);
            if (exchange.Status == HttpStatusCode.Unauthorized && PartnerAuthenticator.UsesTokens(integration.Auth))
            {
                // The cached token was refused: fetch a new one and send once more.
                exchange = await ExchangeAsync(task, integration, family, secretNames, refresh: true, attempt.Token);
            }

            sent = exchange.Request;
            return Classify(exchange, integration) with { DurationMs = Elapsed(started) };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var request = (e as PartnerTimeoutException)?.Request ?? sent ?? DescribeUnsent(task, integration);
            var failure = budget.IsCancellationRequested && e is OperationCanceledException
                ? new PartnerTimeoutException($"The attempt did not end within twice the {integration.TimeoutSeconds} s timeout.")
                : e;
            return Failure(failure, request, Elapsed(started));
        }
    }

    private async Task<Exchange> ExchangeAsync(
        DispatchTask task, LabIntegration integration, IActionFamily family, ISet<string> secretNames, bool refresh, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(integration.Method), DeliveryUrl.ToSend(integration));
        var payload = task.Payload ?? new RenderedPayload("application/json", "{}");
        var keys = WebhookSigner.KeysOf(integration.Webhooks.SigningSecrets);
        var content = await BuildContentAsync(payload, task.Context!, family, rereadable: keys.Count > 0, cancellationToken);
        request.Content = content;
        foreach (var (name, value) in integration.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, HeaderValues.Require(value, $"value of header {name}"));
        }

        request.Headers.TryAddWithoutValidation("X-Hub-Delivery-Id", task.LogId);
        request.Headers.TryAddWithoutValidation("X-Hub-Attempt", task.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Hub-Action", ((int)task.Context!.ActionId).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await authenticator.ApplyAsync(request, integration, refresh, cancellationToken);

        // Signed after auth (a token fetch can take a while) and before the rate gate, which must stay
        // right before the send so rate limits hold on actual send times. A leased task waits there at
        // most about one rate window, well inside the few minutes' tolerance partners give timestamps.
        // The signature is recorded with the other headers: it is a MAC of this one message, not a
        // secret, and the partner's support needs it to debug a mismatch. The key is never recorded.
        var messageId = WebhookSignature.MessageIdFor(task.LogId);
        var signedAt = time.GetUtcNow();
        await WebhookSigner.SignAsync(request, messageId, WebhookSignature.TimestampOf(signedAt), keys, cancellationToken);
        using var slot = await throttle.WaitToSendAsync(integration, cancellationToken);
        if (keys.Count > 0 && time.GetUtcNow() - signedAt > StaleSignature)
        {
            // A very slow rate (a window of minutes) held the request at the gate: sign it again, so
            // the timestamp the partner checks is fresh. Rare, so the gate's timing cost is accepted.
            await WebhookSigner.SignAsync(request, messageId, WebhookSignature.TimestampOf(time.GetUtcNow()), keys, cancellationToken);
        }

        var timeout = TimeSpan.FromSeconds(integration.TimeoutSeconds);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var scrubber = SecretScrubber.For(integration, request, secretNames);
        RequestRecord? record = null;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            record = new RequestRecord
            {
                Method = integration.Method,
                Url = DeliveryUrl.ToShow(integration),
                Headers = scrubber.Scrub(SecretMasker.MaskHeaders(request, secretNames)),
                Body = BodyCapture.Capture(payload.ContentType, payload.Body, capture.Value.MaxLoggedBodyBytes, content.Headers.ContentLength),
                Attachments = content is AttachmentStreamContent streamed ? [.. streamed.Records] : [],
            };
            var answer = await ReadResponseAsync(response, secretNames, scrubber, linked.Token);
            return new Exchange(response.StatusCode, RetryAfter(response), record, answer);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PartnerTimeoutException(record is null
                ? $"The partner did not answer within the {integration.TimeoutSeconds} s timeout."
                : $"The partner's answer did not complete within the {integration.TimeoutSeconds} s timeout.", record);
        }
        catch (PartnerTimeoutException stalled) when (record is not null)
        {
            throw new PartnerTimeoutException(stalled.Message, record);
        }
    }

    // rereadable: the body will be written twice (to be signed, then sent), so attachments must allow it.
    private static async Task<HttpContent> BuildContentAsync(RenderedPayload payload, EventContext context, IActionFamily family, bool rereadable, CancellationToken cancellationToken)
    {
        HeaderValues.Require(payload.ContentType, "content type");
        var parts = AttachmentPlaceholder.Split(payload.Body);
        if (parts.All(p => p.Text is not null))
        {
            var text = new StringContent(payload.Body, Encoding.UTF8);
            text.Headers.Remove("Content-Type");
            text.Headers.TryAddWithoutValidation("Content-Type", payload.ContentType);
            return text;
        }

        var attachments = new Dictionary<string, AttachmentData>(StringComparer.Ordinal);
        foreach (var name in parts.Where(p => p.AttachmentName is not null).Select(p => p.AttachmentName!).Distinct())
        {
            var attachment = await family.OpenAttachmentAsync(name, context, cancellationToken)
                ?? throw new AttachmentMissingException($"Attachment '{name}' is not available for this {family.Family.ToString().ToLowerInvariant()} event.");
            attachments[name] = rereadable ? await AttachmentStreamContent.RereadableAsync(attachment, cancellationToken) : attachment;
        }

        return new AttachmentStreamContent(parts, attachments, payload.ContentType);
    }

    private async Task<ResponseRecord> ReadResponseAsync(HttpResponseMessage response, ISet<string> secretNames, SecretScrubber scrubber, CancellationToken cancellationToken)
    {
        var cap = capture.Value.MaxLoggedBodyBytes;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);

        // Count the rest (without keeping it) so the log knows the real size, unless the partner said it.
        var length = response.Content.Headers.ContentLength;
        var body = await BoundedBodyReader.ReadAsync(stream, cap, length is null ? MaxCountedResponseBytes : cap + 1, options.Value.IdleReadTimeout, time, cancellationToken);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        var captured = BodyCapture.FromBytes(contentType, body.Buffer.AsSpan(0, body.Kept), length ?? body.Size, body.Truncated);
        return new ResponseRecord
        {
            StatusCode = (int)response.StatusCode,
            Headers = scrubber.Scrub(SecretMasker.MaskHeaders(response, secretNames)),
            Body = captured with { Text = scrubber.Scrub(captured.Text) ?? "" },
        };
    }

    private RequestRecord DescribeUnsent(DispatchTask task, LabIntegration integration) => new()
    {
        Method = integration.Method,
        Url = DeliveryUrl.ToShow(integration),
        Body = task.Payload is { } p ? BodyCapture.Capture(p.ContentType, p.Body, capture.Value.MaxLoggedBodyBytes) : null,
    };

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>One request and its answer, read whole (within bounds) before the connection is let go.</summary>
    private sealed record Exchange(HttpStatusCode Status, TimeSpan? RetryAfter, RequestRecord Request, ResponseRecord Answer);
}
