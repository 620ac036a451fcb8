using IntegrationHub.Logging;
using IntegrationHub.Retries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Api;

/// <summary>The IntegrationDirectory over HTTP: search, detail with attempts, manual retry, stats.</summary>
internal static class LogsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var logs = api.MapGroup("/logs").WithTags("Logs");
        logs.MapGet("/", async ([AsParameters] LogFilter filter, ILogStore store, CancellationToken ct) =>
            filter.ToQuery(out var problem) is { } query ? Results.Ok(await store.QueryAsync(query, ct)) : problem!)
            .WithName("SearchLogs").WithSummary("Logs newest first, filtered; pass nextCursor as cursor for the next page.");

        logs.MapGet("/{id}", async (string id, ILogStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } log
                ? Results.Ok(new { log, attempts = await store.GetAttemptsAsync(id, ct) })
                : ApiProblems.NotFound($"Log {id} does not exist."))
            .WithName("GetLog");

        logs.MapPost("/{id}/retry", async (string id, ManualRetryService retries, HttpContext http, CancellationToken ct) =>
        {
            var requestedBy = http.User.Identity?.Name ?? "api";
            var result = await retries.RetryAsync(id, requestedBy, ct);
            return result.Status switch
            {
                ManualRetryStatus.Queued => Results.Accepted($"/api/logs/{id}", new { logId = id, attempt = result.Attempt, status = "Queued" }),
                ManualRetryStatus.NotFound => ApiProblems.NotFound(result.Reason!),
                _ => ApiProblems.Conflict(result.Reason!),
            };
        }).WithName("RetryLog").WithSummary("Rebuilds the delivery from live data and sends it again to the same integration.");

        api.MapGet("/stats", async (long? labId, DateTimeOffset? from, DateTimeOffset? to, ILogStore store, TimeProvider time, CancellationToken ct) =>
        {
            var end = to ?? time.GetUtcNow();
            var start = from ?? end.AddHours(-24);
            return start >= end
                ? ApiProblems.Validation("from", "Must be before 'to'.")
                : Results.Ok(await store.GetStatsAsync(labId is { } l ? [l] : null, start, end, ct));
        }).WithTags("Logs").WithName("GetStats").WithSummary("Counts by status per integration and per action for a window (default: the last 24 h).");
    }
}
