using System.Security.Claims;
using IntegrationHub.Configuration;
using IntegrationHub.Integrations;
using IntegrationHub.Storage;
using IntegrationHub.Web.Security;
using IntegrationHub.Webhooks;

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

        if (Normalize(integration) is { Length: > 0 } nulls)
        {
            return IntegrationEdit.Invalid(nulls);
        }

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
        if (Normalize(integration) is { Length: > 0 } nulls)
        {
            return IntegrationEdit.Invalid(nulls);
        }

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

    /// <summary>
    /// A JSON <c>null</c> for a part of the integration (<c>headers</c>, <c>secretHeaders</c>,
    /// <c>secretQuery</c>, <c>auth</c>, <c>payload</c>, <c>attachments</c>, <c>webhooks</c> or one of its lists, a text)
    /// means absent: the part's default, as if it had not been sent. A null inside a list or as a
    /// header's value stands for nothing and is refused, naming where it is.
    /// </summary>
    private static ValidationProblem[] Normalize(LabIntegration integration)
    {
        var defaults = new LabIntegration();
        integration.Name ??= defaults.Name;
        integration.Vendor ??= defaults.Vendor;
        integration.Url ??= defaults.Url;
        integration.Method ??= defaults.Method;
        integration.Headers ??= defaults.Headers;
        integration.SecretHeaders ??= defaults.SecretHeaders;
        integration.SecretQuery ??= defaults.SecretQuery;
        integration.Auth ??= defaults.Auth;
        var payload = integration.Payload ??= defaults.Payload;
        payload.ContentType ??= defaults.Payload.ContentType;
        integration.Attachments ??= defaults.Attachments;
        var webhooks = integration.Webhooks ??= defaults.Webhooks;
        webhooks.SigningSecrets ??= [];
        webhooks.InboundSecrets ??= [];

        var problems = new List<ValidationProblem>();
        problems.AddRange(integration.Headers.Where(h => h.Value is null).Select(h => new ValidationProblem($"headers.{h.Key}", "A header needs a value; leave it out instead of null.")));
        problems.AddRange(integration.SecretQuery.Where(p => p.Value is null).Select(p => new ValidationProblem($"secretQuery.{p.Key}", "A parameter needs a value; leave it out instead of null.")));
        NoNulls(integration.SecretHeaders, "secretHeaders", problems);
        NoNulls(integration.Attachments, "attachments", problems);
        NoNulls(webhooks.SigningSecrets, "webhooks.signingSecrets", problems);
        NoNulls(webhooks.InboundSecrets, "webhooks.inboundSecrets", problems);
        return [.. problems];
    }

    private static void NoNulls(List<string> values, string field, List<ValidationProblem> problems)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                problems.Add(new ValidationProblem($"{field}[{i}]", "Must not be null."));
            }
        }
    }
}
