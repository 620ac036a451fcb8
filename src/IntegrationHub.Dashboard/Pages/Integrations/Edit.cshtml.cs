using IntegrationHub.Configuration;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Integrations;

[Authorize(Policy = HubPolicies.Admin)]
public sealed class EditIntegrationModel(IIntegrationConfigStore store, IntegrationEditor editor) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public IntegrationForm Form { get; set; } = new();

    public IReadOnlyList<Lab.Domain.Lab> Labs { get; private set; } = [];

    public IReadOnlyList<ValidationProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Labs = await LabsAsync(ct);
        if (Id is { } id)
        {
            var stored = await store.GetAsync(id, ct);
            if (stored is null || !Scope.Allows(stored.LabId))
            {
                return NotFound();
            }

            Form = IntegrationForm.From(stored);
        }
        else if (Labs.Count > 0)
        {
            Form.LabId = Labs[0].Id;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Labs = await LabsAsync(ct);
        var (integration, problem) = Form.ToIntegration(editing: Id is not null);
        if (integration is null)
        {
            Problems = [new ValidationProblem("headers", problem!)];
            return await RedisplayAsync(ct);
        }

        IntegrationEdit edit;
        if (Id is { } id)
        {
            integration.Id = id;
            edit = await editor.UpdateAsync(integration, User, ct);
        }
        else
        {
            edit = await editor.CreateAsync(integration, User, ct);
        }

        if (edit.NotFound)
        {
            return NotFound();
        }

        if (edit.Integration is null)
        {
            Problems = edit.Problems;
            return await RedisplayAsync(ct);
        }

        SetFlash($"Saved '{edit.Integration.Name}'.");
        return Redirect("/integrations");
    }

    /// <summary>Shows the form again with what was typed, minus secrets, plus which secrets are stored.</summary>
    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        if (Id is { } id && await store.GetAsync(id, ct) is { } stored && Scope.Allows(stored.LabId))
        {
            foreach (var name in IntegrationForm.From(stored).StoredSecrets)
            {
                Form.StoredSecrets.Add(name);
            }
        }

        return Page();
    }
}
