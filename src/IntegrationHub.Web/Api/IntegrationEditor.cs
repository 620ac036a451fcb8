using System.Security.Claims;
using IntegrationHub.Configuration;
using IntegrationHub.Webhooks;
using IntegrationHub.Web.Security;

namespace IntegrationHub.Web.Api;

/// <summary>
/// Creating and changing integrations, shared by the API and the dashboard: lab scope, write-only
/// secrets, the validator, the store and the audit log, in that order. Nothing is saved unless all
/// of it passes.
/// </summary>
public sealed class IntegrationEditor(IntegrationValidator validator, IIntegrationConfigStore store, AuditTrail audit)
{
    public async Task<IntegrationEdit> CreateAsync(LabIntegration integration, ClaimsPrincipal user, CancellationToken ct)
    {
        integration.Id = 0;
        if (!user.LabScope().Allows(integration.LabId))
        {
            // Same answer as the validator gives for a lab that does not exist.
            return IntegrationEdit.Invalid(new ValidationProblem("labId", $"Lab {integration.LabId} does not exist."));
        }

        Normalize(integration);

        // Every delivery is signed: an integration created without a secret gets one, which the
        // caller shows once. Generated before validation so the validator sees what is stored.
        string? generated = null;
        if (integration.Webhooks.SigningSecrets.Count == 0)
        {
            generated = WebhookSignature.NewSecret();
            integration.Webhooks.SigningSecrets.Add(generated);
        }

        var problems = await validator.ValidateAsync(integration, ct);
        if (problems.Count > 0)
        {
            return IntegrationEdit.Invalid([.. problems]);
        }

        var created = await store.CreateAsync(integration, ct);
        var detail = generated is null ? created.Name : $"{created.Name}: signing secret generated";
        await audit.RecordAsync(user, "integration.created", created.LabId, $"integration {created.Id}", detail, ct);
        return IntegrationEdit.Saved(created) with { GeneratedSigningSecret = generated };
    }

    public async Task<IntegrationEdit> UpdateAsync(LabIntegration integration, ClaimsPrincipal user, CancellationToken ct)
    {
        var scope = user.LabScope();
        var stored = await store.GetAsync(integration.Id, ct);
        if (stored is null || !scope.Allows(stored.LabId))
        {
            return IntegrationEdit.Missing;
        }

        if (!scope.Allows(integration.LabId))
        {
            return IntegrationEdit.Invalid(new ValidationProblem("labId", $"Lab {integration.LabId} does not exist."));
        }

        integration.CreatedAt = stored.CreatedAt;
        Normalize(integration);
        if (IntegrationView.KeepSecrets(integration, stored) is { Count: > 0 } kept)
        {
            return IntegrationEdit.Invalid([.. kept]);
        }

        var problems = await validator.ValidateAsync(integration, ct);
        if (problems.Count > 0)
        {
            return IntegrationEdit.Invalid([.. problems]);
        }

        await store.UpdateAsync(integration, ct);
        var change = stored.Active == integration.Active ? "configuration changed" : integration.Active ? "enabled" : "disabled";
        await audit.RecordAsync(user, "integration.updated", integration.LabId, $"integration {integration.Id}", $"{integration.Name}: {change}", ct);
        return IntegrationEdit.Saved(integration);
    }

    /// <summary>A JSON <c>null</c> for the webhook settings or one of their lists means none.</summary>
    private static void Normalize(LabIntegration integration)
    {
        var webhooks = integration.Webhooks ??= new WebhookSettings();
        webhooks.SigningSecrets ??= [];
        webhooks.InboundSecrets ??= [];
    }
}
