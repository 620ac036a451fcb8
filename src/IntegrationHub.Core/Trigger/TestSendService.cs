using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Families;
using IntegrationHub.Payloads;
using IntegrationHub.Webhooks;

namespace IntegrationHub.Trigger;

/// <summary>
/// "Test send" of one integration for a real entity chosen by id: a dry-run preview of what the
/// partner would receive, then, on request, a real delivery through the queue like any other.
/// The preview never contacts the partner (no token is fetched); auth headers show as masked.
/// </summary>
public sealed class TestSendService(IEnumerable<IActionFamily> families, PayloadRenderer renderer, IntegrationTrigger trigger, TimeProvider time)
{
    public async Task<TestSendResult> PreviewAsync(LabIntegration integration, long entityId, CancellationToken cancellationToken)
    {
        var (context, model, problem) = await LoadAsync(integration, entityId, cancellationToken);
        if (problem is not null)
        {
            return TestSendResult.Failed(problem);
        }

        RenderedPayload payload;
        try
        {
            payload = renderer.Render(integration.Payload, DeliveryModel.For(model!, context!, integration.Attachments, "(assigned when sent)"));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            return TestSendResult.Failed($"The payload cannot be rendered for this entity: {e.Message}");
        }

        return new TestSendResult(new TestSendPreview
        {
            Context = context!,
            Method = integration.Method,
            Url = integration.Url,
            Headers = Headers(integration, payload, context!),
            ContentType = payload.ContentType,
            Body = payload.Body,
            Attachments = [.. AttachmentPlaceholder.Split(payload.Body).Where(p => p.AttachmentName is not null).Select(p => p.AttachmentName!).Distinct()],
        }, null, null);
    }

    public async Task<TestSendResult> SendAsync(LabIntegration integration, long entityId, string requestedBy, CancellationToken cancellationToken)
    {
        if (!integration.Active)
        {
            return TestSendResult.Failed($"Integration {integration.Id} is inactive; activate it before sending.");
        }

        var (context, model, problem) = await LoadAsync(integration, entityId, cancellationToken);
        return problem is not null
            ? TestSendResult.Failed(problem)
            : new TestSendResult(null, await trigger.SendOneAsync(context!, model!, integration, requestedBy, cancellationToken), null);
    }

    private async Task<(EventContext? Context, PayloadModel? Model, string? Problem)> LoadAsync(LabIntegration integration, long entityId, CancellationToken cancellationToken)
    {
        var action = ActionCatalog.Get(integration.ActionId);
        var family = families.For(action);
        if (family is null)
        {
            return (null, null, $"No {action.Family} action family is registered.");
        }

        var entity = EntityName(action.Family);
        var context = await family.ContextForAsync(integration.LabId, action.Id, entityId, cancellationToken);
        if (context is null)
        {
            return (null, null, $"{entity} {entityId} does not exist in lab {integration.LabId}.");
        }

        context = context with { OccurredAt = time.GetUtcNow() };

        var model = await family.LoadModelAsync(context, cancellationToken);
        return model.Model is null ? (null, null, model.MissingReason ?? $"{entity} {entityId} cannot be loaded.") : (context, model.Model, null);
    }

    /// <summary>The entity a test send of this family is chosen by.</summary>
    public static string EntityName(ActionFamily family) => family switch
    {
        ActionFamily.Patient => "Patient",
        ActionFamily.Billing => "Bill",
        ActionFamily.Sample => "Sample",
        _ => "Report",
    };

    private static Dictionary<string, string> Headers(LabIntegration integration, RenderedPayload payload, EventContext context)
    {
        var secret = SecretMasker.SecretHeaderNames(integration);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = payload.ContentType };
        foreach (var (name, value) in integration.Headers)
        {
            headers[name] = secret.Contains(name) ? SecretMasker.Masked : value;
        }

        headers["X-Hub-Delivery-Id"] = "(assigned when sent)";
        headers["X-Hub-Attempt"] = "1";
        headers["X-Hub-Action"] = ((int)context.ActionId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers[WebhookSignature.IdHeader] = WebhookSignature.MessageIdPrefix + "(log id, assigned when sent)";
        headers[WebhookSignature.TimestampHeader] = "(unix seconds when sent)";
        if (integration.Webhooks.SigningSecrets.Count is var signatures and > 0)
        {
            headers[WebhookSignature.SignatureHeader] = $"({signatures} v1 signature{(signatures == 1 ? "" : "s")}, computed when sent)";
        }

        switch (integration.Auth.Kind)
        {
            case AuthKind.None:
                break;
            case AuthKind.ApiKey:
                headers[string.IsNullOrEmpty(integration.Auth.HeaderName) ? "X-Api-Key" : integration.Auth.HeaderName] = SecretMasker.Masked;
                break;
            default:
                headers["Authorization"] = SecretMasker.Masked;
                break;
        }

        return headers;
    }
}
