using IntegrationHub.Access;
using IntegrationHub.Retries;
using IntegrationHub.Storage;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Logs;

[Authorize(Policy = HubPolicies.Operator)]
public sealed class BulkProgressModel(BulkRetryService retries) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public string JobId { get; set; } = "";

    public BulkRetryProgress? Progress { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Progress = await retries.FindAsync(JobId, Scope, ct);
        return Progress is null || (Progress.RequestedBy != User.Actor() && !User.Can(HubRole.Admin)) ? NotFound() : Page();
    }
}
