using IntegrationHub.Logging;
using IntegrationHub.Storage;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Inbound;
using IntegrationHub.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Webhooks;

/// <summary>
/// One partner status callback: size, authenticity (on the raw bytes), then the body, then the
/// delivery it answers, whose log records the acknowledgement. Every refusal is a 4xx that says why
/// and records nothing. The call itself is logged by the inbound logger like any other.
/// </summary>
internal sealed class PartnerWebhookHandler(
    IIntegrationConfigStore integrations, ILogStore logs, ILogReadModel reads, PartnerWebhookVerifier verifier, RefusedCallSampler refusals, TimeProvider time, IOptions<WebhookOptions> options)
{
    public async Task<IResult> HandleAsync(long integrationId, HttpContext http, CancellationToken cancellationToken)
    {
        // Until the caller has proved who it is, its call is logged without its body and outside any
        // lab, and a call naming no integration is not logged at all: strangers store nothing.
        var details = InboundLogDetails.Of(http);
        details.ActionName = "Partner webhook";
        details.KeepBody = false;
        if (await integrations.GetAsync(integrationId, cancellationToken) is not { } integration)
        {
            details.Skip = true;
            return ApiProblems.NotFound($"Integration {integrationId} does not exist.");
        }

        details.Note = $"For integration {integration.Id}.";
        var max = options.Value.MaxBodyBytes;
        var body = http.Request.ContentLength > max ? null : await ReadAtMostAsync(http.Request, max, cancellationToken);
        if (body is null)
        {
            return Refused(new WebhookRefusal(StatusCodes.Status413PayloadTooLarge, "The callback is too large; nothing was recorded.", $"Callbacks may be at most {max} bytes."), integration.Id, details);
        }

        if (verifier.Verify(integration, http.Request.Headers, body) is { } refusal)
        {
            return Refused(refusal, integration.Id, details);
        }

        // The integration id stays off the log: callbacks would otherwise count in its delivery statistics.
        (details.LabId, details.IntegrationName, details.Vendor, details.KeepBody) = (integration.LabId, integration.Name, integration.Vendor, true);

        if (PartnerCallbackParser.Parse(body, out var problem) is not { } callback)
        {
            return ApiProblems.Validation([problem!], "The callback is invalid; nothing was recorded.");
        }

        var webhookId = http.Request.Headers[WebhookSignature.IdHeader].ToString() is { Length: > 0 } id ? id : null;
        var result = await logs.AcknowledgeAsync(new AcknowledgementRequest
        {
            IntegrationId = integration.Id,
            DeliveryLogId = callback.DeliveryLogId,
            Acknowledgement = new PartnerAcknowledgement
            {
                Status = callback.Status,
                ReceivedAt = time.GetUtcNow(),
                OccurredAt = callback.OccurredAt,
                Reason = callback.Reason,
                PartnerReference = callback.Reference,
                WebhookId = webhookId,
                InboundLogId = details.LogId,
            },
        }, cancellationToken);
        return await AnswerAsync(result, callback, webhookId, integration.Id, details, cancellationToken);
    }

    private async Task<IResult> AnswerAsync(AcknowledgementResult result, PartnerCallback callback, string? webhookId, long integrationId, InboundLogDetails details, CancellationToken cancellationToken)
    {
        if (result.Outcome == AcknowledgementOutcome.NoSuchDelivery)
        {
            var named = callback.DeliveryLogId is { } logId ? $"delivery {logId}" : $"delivery with reference '{callback.Reference}'";
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The callback answers no known delivery; nothing was recorded.",
                detail: $"Integration {integrationId} has no {named}.");
        }

        // The callback's log carries the delivery's business ids, so it shows on the entity's timeline too.
        details.Context = (await reads.GetAsync(result.LogId!, cancellationToken))?.Context;
        if (result.Outcome == AcknowledgementOutcome.Duplicate)
        {
            details.Note = $"Duplicate of webhook {webhookId}: not processed again.";
            details.ActionName = "Partner webhook: duplicate";
            return Results.Ok(new { status = "duplicate", deliveryId = result.LogId });
        }

        // The partner's reason (free text, often about the patient) stays on the acknowledgement, which viewers do not see.
        details.Note = $"{callback.Status.ToString().ToUpperInvariant()} for delivery {result.LogId} of integration {integrationId}.";
        details.ActionName = $"Partner webhook: {callback.Status.ToString().ToUpperInvariant()}";
        return Results.Ok(new { status = "recorded", deliveryId = result.LogId, acknowledgement = callback.Status });
    }

    // Refusals before the caller is verified are sampled: a flood of them writes a few rows a minute.
    private IResult Refused(WebhookRefusal refusal, long integrationId, InboundLogDetails details)
    {
        if (!refusals.ShouldLog(integrationId, out var leftOut))
        {
            details.Skip = true;
        }
        else if (leftOut > 0)
        {
            details.Note += $" {leftOut} more refused calls were not logged before this one (IntegrationHub:Webhooks:RefusedLogsPerMinute).";
        }

        return refusal.ToResult();
    }

    /// <summary>The body, read up to <paramref name="max"/> bytes; null when it is longer.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(max + 1L, (request.ContentLength ?? max) + 1L)];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled > max ? null : buffer[..filled];
    }
}
