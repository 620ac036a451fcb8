using IntegrationHub.Configuration;
using IntegrationHub.Storage;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Integrations;

[Authorize(Policy = HubPolicies.Admin)]
public sealed class EditIntegrationModel(IIntegrationConfigStore store, IntegrationEditor editor, IEnumerable<IntegrationHub.Families.IActionFamily> families) : DashboardPage
{
    /// <summary>Each action's template variables, for the reference beside the template.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<(string Path, string Sample)>> Variables => _variables ??= Rendering.TemplateVariables.Of(families);

    private IReadOnlyDictionary<int, IReadOnlyList<(string Path, string Sample)>>? _variables;

    /// <summary>
    /// The id of the form field a problem names ("url", "payload.template", "auth.tokenUrl",
    /// "webhooks.signingSecrets[1]"): its last segment, so the page can show the problem at the field.
    /// </summary>
    public static string FieldId(string field)
    {
        var last = field[(field.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        last = bracket >= 0 ? last[..bracket] : last;
        return last.Length == 0 ? "" : "Form_" + char.ToUpperInvariant(last[0]) + last[1..];
    }
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public IntegrationForm Form { get; set; } = new();

    public IReadOnlyList<LabSummary> Labs { get; private set; } = [];

    public IReadOnlyList<ValidationProblem> Problems { get; private set; } = [];

    /// <summary>
    /// The signing secret generated for an integration just created: rendered in this answer only,
    /// never stored for the next request or redirected with (as new API keys are).
    /// </summary>
    public string? GeneratedSecret { get; private set; }

    /// <summary>The integration just created with <see cref="GeneratedSecret"/>.</summary>
    public LabIntegration? Created { get; private set; }

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
        var saved = Id is { } editedId && await store.GetAsync(editedId, ct) is { } stored && Scope.Allows(stored.LabId) ? stored.Webhooks : null;
        var (integration, problem) = Form.ToIntegration(editing: Id is not null, saved);
        if (integration is null)
        {
            Problems = [problem!];
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

        if (edit.GeneratedSigningSecret is { } secret)
        {
            (GeneratedSecret, Created) = (secret, edit.Integration);
            Response.Headers.CacheControl = "no-store";
            return Page();
        }

        SetFlash($"Saved '{edit.Integration.Name}'.");
        return Redirect("/integrations");
    }

    /// <summary>Shows the form again with what was typed, minus secrets, plus which secrets are stored.</summary>
    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        // Tag helpers render the posted value over the model's, so the posted secrets are dropped too.
        Form.ForgetTypedSecrets();
        ModelState.Remove($"{nameof(Form)}.{nameof(IntegrationForm.SigningSecrets)}");
        ModelState.Remove($"{nameof(Form)}.{nameof(IntegrationForm.InboundSecrets)}");
        ModelState.Remove($"{nameof(Form)}.{nameof(IntegrationForm.Headers)}");
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
