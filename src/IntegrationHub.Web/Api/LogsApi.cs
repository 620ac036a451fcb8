using IntegrationHub.Access;
using IntegrationHub.Retries;
using IntegrationHub.Storage;
using IntegrationHub.Web.Security;
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
        logs.MapGet("/", async ([AsParameters] LogFilter filter, ILogReadModel store, HttpContext http, CancellationToken ct) =>
        {
            var (query, problem) = await filter.ResolveAsync(http, ct);
            return query is null ? problem! : Results.Ok(await store.QueryAsync(query, ct));
        })
            .WithName("SearchLogs").WithSummary("Logs newest first, filtered (q: an MRN, a name, a barcode, a bill number, a report title, a partner reference or a log id); pass nextCursor as cursor for the next page. Only the caller's labs.");

        logs.MapGet("/export.csv", async ([AsParameters] LogFilter filter, ILogReadModel store, Microsoft.Extensions.Options.IOptions<ExportOptions> options, HttpContext http, CancellationToken ct) =>
        {
            var (query, problem) = await filter.ResolveAsync(http, ct);
            if (query is null)
            {
                return problem!;
            }

            await LogCsvExport.WriteAsync(http.Response, store, query, options.Value.MaxRows, ct);
            return Results.Empty;
        }).WithName("ExportLogs").WithSummary("The filtered logs as CSV, newest first, metadata only (no payload, body or header), at most Export:MaxRows rows; the same filters as the search.");

        logs.MapGet("/{id}", async (string id, ILogReadModel store, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is not { } log || !http.User.LabScope().Allows(log.LabId))
            {
                return ApiProblems.NotFound($"Log {id} does not exist.");
            }

            var attempts = await store.GetAttemptsAsync(id, ct);
            var acknowledgements = await store.GetAcknowledgementsAsync(id, ct);
            if (!http.User.Can(HubRole.Operator))
            {
                return Results.Ok(new { log = LogRedaction.MetadataOnly(log), attempts = attempts.Select(LogRedaction.MetadataOnly), acknowledgements = acknowledgements.Select(LogRedaction.MetadataOnly) });
            }

            await audit.RecordViewAsync(http.User, "log.payload-viewed", log.LabId, log.Id, ct);
            return Results.Ok(new { log, attempts, acknowledgements });
        }).WithName("GetLog").WithSummary("A log, its attempts and the partner's acknowledgements; payloads and bodies for operators and admins only.");

        logs.MapPost("/{id}/retry", async (string id, ILogReadModel store, ManualRetryService retries, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is not { } log || !http.User.LabScope().Allows(log.LabId))
            {
                return ApiProblems.NotFound($"Log {id} does not exist.");
            }

            var result = await retries.RetryAsync(id, http.User.Actor(), ct);
            if (result.Status == ManualRetryStatus.Queued)
            {
                await audit.RecordAsync(http.User, "log.retried", log.LabId, id, $"attempt {result.Attempt} to {log.IntegrationName}", ct);
            }

            return result.Status switch
            {
                ManualRetryStatus.Queued => Results.Accepted($"/api/logs/{id}", new { logId = id, attempt = result.Attempt, status = "Queued" }),
                ManualRetryStatus.NotFound => ApiProblems.NotFound(result.Reason!),
                _ => ApiProblems.Conflict(result.Reason!),
            };
        }).RequireAuthorization(HubPolicies.Operator)
            .WithName("RetryLog").WithSummary("Rebuilds the delivery from live data and sends it again to the same integration.");

        api.MapGet("/stats", async (long? labId, DateTimeOffset? from, DateTimeOffset? to, ILogReadModel store, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var end = to ?? time.GetUtcNow();
            // The default window is the day before 'to', cut at the first instant there is ('to' may be near it).
            var start = from ?? (end.UtcTicks - DateTimeOffset.MinValue.UtcTicks < TimeSpan.TicksPerDay ? DateTimeOffset.MinValue : end.AddHours(-24));
            var scope = http.User.LabScope();
            if (labId is { } requested && !scope.Allows(requested))
            {
                return ApiProblems.NotFound($"Lab {requested} does not exist.");
            }

            return start >= end
                ? ApiProblems.Validation("from", "Must be before 'to'.")
                : Results.Ok(await store.GetStatsAsync(labId is { } l ? [l] : scope.AsFilter(), start, end, ct));
        }).WithTags("Logs").WithName("GetStats").WithSummary("Counts by status per integration and per action for a window (default: the last 24 h).");
    }
}
