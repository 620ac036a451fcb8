using IntegrationHub.Configuration;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Dashboard.Pages.Admin;

/// <summary>Labs as objects: listed with their names and codes, created and renamed by admins over every lab (audited).</summary>
[Authorize(Policy = HubPolicies.GlobalAdmin)]
public sealed class LabsModel(AuditTrail audit) : DashboardPage
{
    public IReadOnlyList<LabSummary> AllLabs { get; private set; } = [];

    /// <summary>Why the last change was refused, field by field.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; private set; } = [];

    /// <summary>What was typed into the new-lab form, kept when it was refused.</summary>
    public (string? Name, string? Code) RefusedInput { get; private set; }

    /// <summary>False when the host's domain manages labs elsewhere (no <see cref="ILabAdministration"/>): the page only lists them.</summary>
    public bool CanChange => Administration is not null;

    private ILabAdministration? Administration => HttpContext.RequestServices.GetService<ILabAdministration>();

    public async Task OnGetAsync(CancellationToken ct) => AllLabs = await LabsAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? code, CancellationToken ct)
    {
        if (Administration is not { } labs)
        {
            return NotFound();
        }

        var change = await labs.CreateLabAsync(name ?? "", code ?? "", ct);
        if (change.Lab is not { } lab)
        {
            RefusedInput = (name, code);
            return await RefusedAsync(change.Problems, ct);
        }

        await audit.RecordAsync(User, "lab.created", lab.Id, $"lab {lab.Id}", lab.Name, ct);
        SetFlash($"Lab '{lab.Name}' ({lab.Code}) created; its id is {lab.Id}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(long labId, string? name, CancellationToken ct)
    {
        if (Administration is not { } labs)
        {
            return NotFound();
        }

        var before = (await LabsAsync(ct)).FirstOrDefault(l => l.Id == labId);
        var change = await labs.RenameLabAsync(labId, name ?? "", ct);
        if (change.Problems.Count > 0)
        {
            return await RefusedAsync(change.Problems, ct);
        }

        if (change.Lab is not { } lab || before is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(User, "lab.renamed", lab.Id, $"lab {lab.Id}", $"{before.Name} -> {lab.Name}", ct);
        SetFlash($"Lab {lab.Code} is now '{lab.Name}'.");
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync(IReadOnlyList<ValidationProblem> problems, CancellationToken ct)
    {
        Problems = problems;
        AllLabs = await LabsAsync(ct);
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        return Page();
    }
}
