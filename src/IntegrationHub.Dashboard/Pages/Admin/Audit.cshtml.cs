using IntegrationHub.Access;
using IntegrationHub.Storage;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Admin;

[Authorize(Policy = HubPolicies.Admin)]
public sealed class AuditModel(IAuditLog audit) : DashboardPage
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LabsAsync(ct);
        Entries = await audit.ListAsync(Scope.AsFilter(), Before, PageSize, ct);
    }
}
