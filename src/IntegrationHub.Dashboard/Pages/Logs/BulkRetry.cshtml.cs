using IntegrationHub.Retries;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Logs;

[Authorize(Policy = HubPolicies.Operator)]
public sealed class BulkRetryModel(BulkRetryService retries, AuditTrail audit) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public LogFilterForm Filter { get; set; } = new();

    public long Count { get; private set; }

    public string Description => Filter.QueryString() is { Length: > 0 } q ? Uri.UnescapeDataString(q.Replace("&", ", ", StringComparison.Ordinal)) : "no filter (every lab you can see)";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Filter.Status = null; // a bulk retry always takes the FAIL logs of the filter
        if (Filter.LabId is { } lab && !Scope.Allows(lab))
        {
            return NotFound();
        }

        var (query, problem, _) = await Filter.ResolveAsync(HttpContext, Scope.AsFilter(), null, 1, ct);
        if (query is null)
        {
            return BadRequest(problem!);
        }

        Count = await retries.CountAsync(query, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Filter.Status = null;
        if (Filter.LabId is { } lab && !Scope.Allows(lab))
        {
            return NotFound();
        }

        var (query, problem, _) = await Filter.ResolveAsync(HttpContext, Scope.AsFilter(), null, 1, ct);
        if (query is null)
        {
            return BadRequest(problem!);
        }

        var progress = await retries.StartAsync(query, User.Actor(), ct);
        await audit.RecordAsync(User, "log.bulk-retried", Filter.LabId, $"bulk {progress.Id}", Description, ct);
        return Redirect($"/logs/bulk-retry/{progress.Id}");
    }
}
