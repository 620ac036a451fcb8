using IntegrationHub.Web.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Webhooks;

/// <summary><c>POST /api/webhooks/{integrationId}</c>: a partner's status callback, authenticated by the integration's own secret or key.</summary>
internal static class PartnerWebhookApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/webhooks/{integrationId:long}", (long integrationId, HttpContext http, PartnerWebhookHandler handler, CancellationToken ct) =>
                handler.HandleAsync(integrationId, http, ct))
            .AllowAnonymous()
            .RequireRateLimiting(WebhookRateLimit.Policy)
            .WithIntegrationLog("Partner webhook")
            .WithTags("Webhooks")
            .WithName("ReceivePartnerWebhook")
            .WithSummary("A partner's status callback (acked or rejected) about one delivery. Verified by Standard Webhooks signature or the integration's inbound API key, not by a hub login.");
}
