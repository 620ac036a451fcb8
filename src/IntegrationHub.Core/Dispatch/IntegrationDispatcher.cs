using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IntegrationHub.Configuration;
using IntegrationHub.Dispatch.Auth;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Queue;
using IntegrationHub.Trigger;
using IntegrationHub.Webhooks;
using IntegrationHub.Workers;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IntegrationHub.Dispatch;

/// <summary>
/// The central dispatcher (the seed's <c>integrationWebhookAPI</c>): every queued delivery is sent
/// here. It streams attachments in just in time, authenticates, sends, records the request and the
/// answer with secrets masked, and classifies the outcome. It never throws for a delivery problem.
/// </summary>
public sealed class IntegrationDispatcher(
    IHttpClientFactory clients,
    PartnerAuthenticator authenticator,
    IntegrationThrottle throttle,
    TimeProvider time,
    IOptions<HubOptions> options)
{
    /// <summary>Name of the HttpClient deliveries are sent with (no redirects, per-request timeout).</summary>
    public const string ClientName = "IntegrationHub.Dispatch";

    /// <summary>Request option carrying the integration's per-attempt timeout to the resilience pipeline.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> TimeoutOption = new("IntegrationHub.Timeout");

    private const long MaxCountedResponseBytes = 16 * 1024 * 1024;

    /// <summary>How old a signature may be when its request leaves the rate gate; partners allow about five minutes.</summary>
    private static readonly TimeSpan StaleSignature = TimeSpan.FromMinutes(1);

    /// <summary>Sends one delivery task to its integration.</summary>
    public async Task<DispatchResult> DispatchAsync(DispatchTask task, LabIntegration integration, IActionFamily family, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var secretNames = SecretMasker.SecretHeaderNames(integration);
        RequestRecord? sent = null;
        try
        {
            var (response, request) = await SendAsync(task, integration, family, secretNames, refresh: false, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && PartnerAuthenticator.UsesTokens(integration.Auth))
            {
                // The cached token was refused: fetch a new one and send once more.
                response.Dispose();
                (response, request) = await SendAsync(task, integration, family, secretNames, refresh: true, cancellationToken);
            }

            using (response)
            {
                sent = request;
                var answer = await ReadResponseAsync(response, secretNames, cancellationToken);
                return Classify(response, answer, sent, integration) with { DurationMs = Elapsed(started) };
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(e, sent ?? DescribeUnsent(task, integration), Elapsed(started));
        }
    }

    private async Task<(HttpResponseMessage Response, RequestRecord Request)> SendAsync(
        DispatchTask task, LabIntegration integration, IActionFamily family, ISet<string> secretNames, bool refresh, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(integration.Method), integration.Url);
        var payload = task.Payload ?? new RenderedPayload("application/json", "{}");
        var keys = WebhookSigner.KeysOf(integration.Webhooks.SigningSecrets);
        var content = await BuildContentAsync(payload, task.Context!, family, rereadable: keys.Count > 0, cancellationToken);
        request.Content = content;
        foreach (var (name, value) in integration.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("X-Hub-Delivery-Id", task.LogId);
        request.Headers.TryAddWithoutValidation("X-Hub-Attempt", task.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Hub-Action", ((int)task.Context!.ActionId).ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Options.Set(TimeoutOption, TimeSpan.FromSeconds(integration.TimeoutSeconds));
        await authenticator.ApplyAsync(request, integration, refresh, cancellationToken);

        // Signed after auth (a token fetch can take a while) and before the rate gate, which must stay
        // right before the send so rate limits hold on actual send times. A leased task waits there at
        // most about one rate window, well inside the few minutes' tolerance partners give timestamps.
        // The signature is recorded with the other headers: it is a MAC of this one message, not a
        // secret, and the partner's support needs it to debug a mismatch. The key is never recorded.
        var messageId = WebhookSignature.MessageIdFor(task.LogId);
        var signedAt = time.GetUtcNow();
        await WebhookSigner.SignAsync(request, messageId, WebhookSignature.TimestampOf(signedAt), keys, cancellationToken);
        await throttle.WaitToSendAsync(integration, cancellationToken);
        if (keys.Count > 0 && time.GetUtcNow() - signedAt > StaleSignature)
        {
            // A very slow rate (a window of minutes) held the request at the gate: sign it again, so
            // the timestamp the partner checks is fresh. Rare, so the gate's timing cost is accepted.
            await WebhookSigner.SignAsync(request, messageId, WebhookSignature.TimestampOf(time.GetUtcNow()), keys, cancellationToken);
        }

        var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var record = new RequestRecord
        {
            Method = integration.Method,
            Url = integration.Url,
            Headers = SecretMasker.MaskHeaders(request, secretNames),
            Body = BodyCapture.Capture(payload.ContentType, payload.Body, options.Value.MaxLoggedBodyBytes, content.Headers.ContentLength),
            Attachments = content is AttachmentStreamContent streamed ? [.. streamed.Records] : [],
        };
        return (response, record);
    }

    // rereadable: the body will be written twice (to be signed, then sent), so attachments must allow it.
    private static async Task<HttpContent> BuildContentAsync(RenderedPayload payload, EventContext context, IActionFamily family, bool rereadable, CancellationToken cancellationToken)
    {
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

    private async Task<ResponseRecord> ReadResponseAsync(HttpResponseMessage response, ISet<string> secretNames, CancellationToken cancellationToken)
    {
        var cap = options.Value.MaxLoggedBodyBytes;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[cap + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        var truncated = filled > cap;
        long size = filled;
        if (truncated && response.Content.Headers.ContentLength is null)
        {
            // Count the rest (without keeping it) so the log knows the real size; bounded against endless bodies.
            var scratch = new byte[16 * 1024];
            while (size < MaxCountedResponseBytes && (read = await stream.ReadAsync(scratch, cancellationToken)) > 0)
            {
                size += read;
            }
        }

        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        return new ResponseRecord
        {
            StatusCode = (int)response.StatusCode,
            Headers = SecretMasker.MaskHeaders(response, secretNames),
            Body = BodyCapture.FromBytes(contentType, buffer.AsSpan(0, Math.Min(filled, cap)), response.Content.Headers.ContentLength ?? size, truncated),
        };
    }

    private static DispatchResult Classify(HttpResponseMessage response, ResponseRecord answer, RequestRecord request, LabIntegration integration)
    {
        var status = (int)response.StatusCode;
        var result = new DispatchResult { Request = request, Response = answer };
        if (status is >= 200 and < 300)
        {
            return result with { PartnerReference = JsonPath.Find(answer.Body?.Text, integration.ReferenceField) };
        }

        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location?.ToString() ?? "no Location";
            return result with { Error = new ErrorRecord(ErrorClass.HttpStatus, $"Partner answered {status} (redirects are not followed; {location}).", status) };
        }

        if (status is 401 or 403)
        {
            return result with { Error = new ErrorRecord(ErrorClass.Auth, $"Partner refused the credentials ({status}).", status) };
        }

        var transient = status is 408 or 429 or >= 500;
        return result with
        {
            Error = new ErrorRecord(ErrorClass.HttpStatus, $"Partner answered {status} {response.ReasonPhrase}.", status),
            Transient = transient,
            RetryAfter = transient ? RetryAfter(response) : null,
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static DispatchResult Failure(Exception e, RequestRecord request, double durationMs)
    {
        var (error, transient) = e switch
        {
            TimeoutRejectedException or TaskCanceledException or TimeoutException =>
                (new ErrorRecord(ErrorClass.Timeout, "The partner did not answer within the timeout."), true),
            HttpRequestException { InnerException: SocketException socket } =>
                (new ErrorRecord(ErrorClass.Connection, $"Connection failed: {socket.SocketErrorCode}."), true),
            HttpRequestException http =>
                (new ErrorRecord(ErrorClass.Connection, $"Connection failed: {http.HttpRequestError}."), true),
            AuthFailureException auth => (new ErrorRecord(ErrorClass.Auth, auth.Message), auth.Transient),
            AttachmentMissingException missing => (new ErrorRecord(ErrorClass.Configuration, missing.Message), false),
            UriFormatException or InvalidOperationException or FormatException =>
                (new ErrorRecord(ErrorClass.Configuration, $"The request could not be built: {e.Message}"), false),
            _ => (new ErrorRecord(ErrorClass.Internal, $"{e.GetType().Name}: {e.Message}"), false),
        };
        return new DispatchResult { Request = request, Error = error, Transient = transient, DurationMs = durationMs };
    }

    private RequestRecord DescribeUnsent(DispatchTask task, LabIntegration integration) => new()
    {
        Method = integration.Method,
        Url = integration.Url,
        Body = task.Payload is { } p ? BodyCapture.Capture(p.ContentType, p.Body, options.Value.MaxLoggedBodyBytes) : null,
    };

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;
}
