using IntegrationHub.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Api;

/// <summary>CRUD over LabIntegration rows: adding a vendor is an HTTP call, never a code change.</summary>
internal static class IntegrationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/integrations").WithTags("Integrations");
        group.MapGet("/", async (long? labId, IIntegrationConfigStore store, CancellationToken ct) =>
            (await store.ListAsync(labId, ct)).Select(IntegrationView.Masked)).WithName("ListIntegrations");

        group.MapGet("/{id:long}", async (long id, IIntegrationConfigStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } found ? Results.Ok(IntegrationView.Masked(found)) : ApiProblems.NotFound($"Integration {id} does not exist."))
            .WithName("GetIntegration");

        group.MapPost("/", async (LabIntegration integration, IntegrationValidator validator, IIntegrationConfigStore store, CancellationToken ct) =>
        {
            integration.Id = 0;
            var problems = await validator.ValidateAsync(integration, ct);
            if (problems.Count > 0)
            {
                return ApiProblems.Validation(problems, "The integration is invalid; nothing was saved.");
            }

            var created = await store.CreateAsync(integration, ct);
            return Results.Created($"/api/integrations/{created.Id}", IntegrationView.Masked(created));
        }).WithName("CreateIntegration");

        group.MapPut("/{id:long}", async (long id, LabIntegration integration, IntegrationValidator validator, IIntegrationConfigStore store, CancellationToken ct) =>
        {
            var stored = await store.GetAsync(id, ct);
            if (stored is null)
            {
                return ApiProblems.NotFound($"Integration {id} does not exist.");
            }

            integration.Id = id;
            integration.CreatedAt = stored.CreatedAt;
            IntegrationView.KeepSecrets(integration, stored);
            var problems = await validator.ValidateAsync(integration, ct);
            if (problems.Count > 0)
            {
                return ApiProblems.Validation(problems, "The integration is invalid; nothing was saved.");
            }

            await store.UpdateAsync(integration, ct);
            return Results.Ok(IntegrationView.Masked(integration));
        }).WithName("UpdateIntegration");

        group.MapDelete("/{id:long}", async (long id, IIntegrationConfigStore store, CancellationToken ct) =>
            await store.DeleteAsync(id, ct) ? Results.NoContent() : ApiProblems.NotFound($"Integration {id} does not exist."))
            .WithName("DeleteIntegration");
    }
}
