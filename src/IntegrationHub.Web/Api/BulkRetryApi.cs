using IntegrationHub.Retries;
using IntegrationHub.Storage;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Api;

/// <summary>Retry every FAIL log matching the log filters: a dry-run count, a job, its progress, the recent jobs.</summary>
internal static class BulkRetryApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var bulk = api.MapGroup("/logs/retry-bulk").WithTags("Logs").RequireAuthorization(HubPolicies.Operator);
        bulk.MapPost("/dry-run", async ([AsParameters] LogFilter filter, BulkRetryService retries, HttpContext http, CancellationToken ct) =>
        {
            if (Scoped(filter, http) is { } outOfScope)
            {
                return outOfScope;
            }

            var (query, problem) = await filter.ResolveAsync(http, ct);
            return query is null ? problem! : Results.Ok(new { failedLogs = await retries.CountAsync(query, ct), max = BulkRetryService.MaxLogs });
        })
            .WithName("BulkRetryDryRun").WithSummary("How many FAIL logs the filters match now (status is implied).");

        bulk.MapPost("/", async ([AsParameters] LogFilter filter, BulkRetryService retries, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (Scoped(filter, http) is { } outOfScope)
            {
                return outOfScope;
            }

            var (query, problem) = await filter.ResolveAsync(http, ct);
            if (query is null)
            {
                return problem!;
            }

            var progress = await retries.StartAsync(query, http.User.Actor(), ct);
            await audit.RecordAsync(http.User, "log.bulk-retried", filter.LabId, $"bulk {progress.Id}", filter.Describe(), ct);
            return Results.Accepted($"/api/logs/retry-bulk/{progress.Id}", progress);
        }).WithName("BulkRetry").WithSummary("Retries every FAIL log matching the filters, through the queue and its rate limits.");

        bulk.MapGet("/", async (BulkRetryService retries, HttpContext http, CancellationToken ct) =>
            Results.Ok((await retries.ListAsync(http.User.LabScope(), ct)).Where(p => MayRead(p, http)).ToList()))
            .WithName("BulkRetryJobs").WithSummary("The recent bulk retries the caller may follow, newest first.");

        bulk.MapGet("/{jobId}", async (string jobId, BulkRetryService retries, HttpContext http, CancellationToken ct) =>
            await retries.FindAsync(jobId, http.User.LabScope(), ct) is { } progress && MayRead(progress, http)
                ? Results.Ok(progress)
                : ApiProblems.NotFound($"Bulk retry {jobId} does not exist."))
            .WithName("BulkRetryProgress");
    }

    /// <summary>A job is followed by whoever started it, and by admins.</summary>
    private static bool MayRead(BulkRetryProgress progress, HttpContext http) =>
        progress.RequestedBy == http.User.Actor() || http.User.Can(Access.HubRole.Admin);

    /// <summary>A lab filter outside the caller's labs answers as a lab that does not exist.</summary>
    private static IResult? Scoped(LogFilter filter, HttpContext http) =>
        filter.LabId is { } lab && !http.User.LabScope().Allows(lab) ? ApiProblems.NotFound($"Lab {lab} does not exist.") : null;
}
