using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Storage;
using IntegrationHub.Trigger;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Integrations;

[Authorize(Policy = HubPolicies.Operator)]
public sealed class TestSendModel(IIntegrationConfigStore store, TestSendService tests, AuditTrail audit) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? EntityId { get; set; }

    public LabIntegration? Integration { get; private set; }

    public TestSendPreview? Preview { get; private set; }

    public string? Problem { get; private set; }

    public string EntityName => TestSendService.EntityName(ActionCatalog.Get(Integration!.ActionId).Family);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (EntityId is { } entityId)
        {
            var result = await tests.PreviewAsync(Integration!, entityId, ct);
            (Preview, Problem) = (result.Preview, result.Problem);
            if (Preview is not null)
            {
                await audit.RecordViewAsync(User, "integration.test-previewed", Integration!.LabId, $"integration {Id} entity {entityId}", ct);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || EntityId is not { } entityId)
        {
            return NotFound();
        }

        var result = await tests.SendAsync(Integration!, entityId, User.Actor(), ct);
        if (result.LogId is not { } logId)
        {
            SetFlash(result.Problem!, "error");
            return RedirectToPage(new { id = Id, entityId });
        }

        await audit.RecordAsync(User, "integration.test-sent", Integration!.LabId, logId, $"integration {Id} entity {entityId}", ct);
        SetFlash("Test delivery queued. This is its log.");
        return Redirect($"/logs/{logId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await LabsAsync(ct);
        Integration = await store.GetAsync(Id, ct);
        return Integration is not null && Scope.Allows(Integration.LabId);
    }
}
