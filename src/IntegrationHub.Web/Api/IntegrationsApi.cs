using IntegrationHub.Configuration;
using IntegrationHub.Storage;
using IntegrationHub.Trigger;
using IntegrationHub.Web.Requests;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Api;

/// <summary>CRUD over LabIntegration rows: adding a vendor is an HTTP call, never a code change.</summary>
internal static class IntegrationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/integrations").WithTags("Integrations").WithMetadata(RequestBodyLimit.Configuration);
        group.MapGet("/", async (long? labId, IIntegrationConfigStore store, HttpContext http, CancellationToken ct) =>
            (await store.ListAsync(labId, ct)).Where(i => http.User.LabScope().Allows(i.LabId)).Select(i => IntegrationView.MaskedFor(i, http.User)))
            .WithName("ListIntegrations");

        group.MapGet("/{id:long}", async (long id, IIntegrationConfigStore store, HttpContext http, CancellationToken ct) =>
            await FindAsync(id, store, http, ct) is { } found ? Results.Ok(IntegrationView.MaskedFor(found, http.User)) : NotFound(id))
            .WithName("GetIntegration");

        group.MapPost("/", async (LabIntegration integration, IntegrationEditor editor, HttpContext http, CancellationToken ct) =>
        {
            var edit = await editor.CreateAsync(integration, http.User, ct);
            if (edit.GeneratedSigningSecret is not null)
            {
                // The one answer that holds a secret in clear: no cache may keep it.
                http.Response.Headers.CacheControl = "no-store";
            }

            return edit.Integration is { } created
                ? Results.Created($"/api/integrations/{created.Id}", IntegrationView.Created(created, edit.GeneratedSigningSecret))
                : edit.Problem();
        }).RequireAuthorization(HubPolicies.Admin).WithName("CreateIntegration")
            .WithSummary("Creates an integration. Without a signing secret one is generated and shown in clear in this answer only.");

        group.MapPut("/{id:long}", async (long id, LabIntegration integration, IntegrationEditor editor, HttpContext http, CancellationToken ct) =>
        {
            integration.Id = id;
            var edit = await editor.UpdateAsync(integration, http.User, ct);
            return edit.Integration is { } updated ? Results.Ok(IntegrationView.Masked(updated)) : edit.NotFound ? NotFound(id) : edit.Problem();
        }).RequireAuthorization(HubPolicies.Admin).WithName("UpdateIntegration");

        group.MapDelete("/{id:long}", async (long id, IIntegrationConfigStore store, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (await FindAsync(id, store, http, ct) is not { } found || !await store.DeleteAsync(id, ct))
            {
                return NotFound(id);
            }

            await audit.RecordAsync(http.User, "integration.deleted", found.LabId, $"integration {id}", found.Name, ct);
            return Results.NoContent();
        }).RequireAuthorization(HubPolicies.Admin).WithName("DeleteIntegration");
        MapTestSend(group);
    }

    private static void MapTestSend(RouteGroupBuilder group)
    {
        group.MapPost("/{id:long}/test-send/preview", async (long id, long entityId, IIntegrationConfigStore store, TestSendService tests, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (await FindAsync(id, store, http, ct) is not { } integration)
            {
                return NotFound(id);
            }

            var result = await tests.PreviewAsync(integration, entityId, ct);
            if (result.Preview is null)
            {
                return ApiProblems.Validation("entityId", result.Problem!);
            }

            await audit.RecordViewAsync(http.User, "integration.test-previewed", integration.LabId, $"integration {id} entity {entityId}", ct);
            return Results.Ok(result.Preview);
        }).RequireAuthorization(HubPolicies.Operator).WithName("PreviewTestSend")
            .WithSummary("Renders what the partner would receive for a real entity (patient, bill, sample or report id by the action's family), without sending.");

        group.MapPost("/{id:long}/test-send", async (long id, long entityId, IIntegrationConfigStore store, TestSendService tests, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (await FindAsync(id, store, http, ct) is not { } integration)
            {
                return NotFound(id);
            }

            var result = await tests.SendAsync(integration, entityId, http.User.Actor(), ct);
            if (result.LogId is not { } logId)
            {
                return ApiProblems.Validation("entityId", result.Problem!);
            }

            await audit.RecordAsync(http.User, "integration.test-sent", integration.LabId, logId, $"integration {id} entity {entityId}", ct);
            return Results.Accepted($"/api/logs/{logId}", new { logId });
        }).RequireAuthorization(HubPolicies.Operator).WithName("TestSend").WithSummary("Sends one real delivery for the entity through the queue; answers its log id.");
    }

    private static async Task<LabIntegration?> FindAsync(long id, IIntegrationConfigStore store, HttpContext http, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } found && http.User.LabScope().Allows(found.LabId) ? found : null;

    private static IResult NotFound(long id) => ApiProblems.NotFound($"Integration {id} does not exist.");
}
