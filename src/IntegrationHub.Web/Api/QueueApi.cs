using IntegrationHub.Integrations;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Api;

/// <summary>GET /api/queue: what waits per integration, and the last hour's throughput and partner latency.</summary>
internal static class QueueApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/queue", async (long? labId, long? integrationId, QueueMonitor monitor, HttpContext http, CancellationToken ct) =>
        {
            var scope = http.User.LabScope();
            if (labId is { } lab && !scope.Allows(lab))
            {
                return ApiProblems.NotFound($"Lab {lab} does not exist.");
            }

            var snapshot = await monitor.SnapshotAsync(scope.AsFilter(), labId, integrationId, ct);
            return integrationId is { } id && snapshot.Integrations.Count == 0
                ? ApiProblems.NotFound($"Integration {id} does not exist.")
                : Results.Ok(snapshot);
        }).WithTags("Logs").WithName("Queue").WithSummary("Per integration: queued, retrying (with the next attempt), the oldest waiting; deliveries per 5 minutes and partner latency p50/p95 per 10 minutes over the last hour. Only the caller's labs.");
}
