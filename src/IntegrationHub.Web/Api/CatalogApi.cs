using IntegrationHub.Actions;
using IntegrationHub.Lab.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Api;

/// <summary>GET /api/actions and the labs routes.</summary>
internal static class CatalogApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/actions", () => ActionCatalog.All.Select(a => new
        {
            id = (int)a.Id,
            a.Name,
            family = a.Family.ToString(),
            a.Description,
            a.Attachments,
        })).WithName("ListActions").WithSummary("The action catalog: stable ids of the business events integrations subscribe to.");

        api.MapGet("/labs", (LabService labs, CancellationToken ct) => labs.ListAsync(ct)).WithName("ListLabs");
        api.MapPost("/labs", async (LabInput input, LabService labs, CancellationToken ct) =>
        {
            var lab = await labs.CreateAsync(input, ct);
            return Results.Created($"/api/labs/{lab.Id}", lab);
        }).WithName("CreateLab");
    }
}
