using IntegrationHub.Access;
using IntegrationHub.Configuration;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Dashboard.Pages;

/// <summary>What every dashboard page knows: the clock, the user's labs and role.</summary>
public abstract class DashboardPage : PageModel
{
    private IReadOnlyList<LabSummary>? _labs;

    public DateTimeOffset Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    public LabScope Scope => User.LabScope();

    public bool CanOperate => User.Can(HubRole.Operator);

    public bool IsAdmin => User.Can(HubRole.Admin);

    /// <summary>Labs the user may see, for pickers and names.</summary>
    public async Task<IReadOnlyList<LabSummary>> LabsAsync(CancellationToken ct) =>
        _labs ??= [.. (await HttpContext.RequestServices.GetRequiredService<ILabDirectory>().ListLabsAsync(ct)).Where(l => Scope.Allows(l.Id))];

    public string LabName(long labId) => _labs?.FirstOrDefault(l => l.Id == labId)?.Name ?? $"Lab {labId}";

    /// <summary>A message carried over one redirect (post-redirect-get).</summary>
    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public string? FlashKind { get; set; }

    protected void SetFlash(string message, string kind = "ok")
    {
        Flash = message;
        FlashKind = kind;
    }
}
