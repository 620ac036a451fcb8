using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Hosting;
using IntegrationHub.Lab.Services;
using IntegrationHub.Web.Requests;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

        api.MapGet("/labs", async (ILabDirectory labs, HttpContext http, CancellationToken ct) =>
            (await labs.ListLabsAsync(ct)).Where(l => http.User.LabScope().Allows(l.Id))).WithName("ListLabs").WithSummary("The caller's labs.");

        api.MapPost("/labs", async (LabInput input, LabService labs, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            var lab = await labs.CreateAsync(input, ct);
            await audit.RecordAsync(http.User, "lab.created", lab.Id, $"lab {lab.Id}", lab.Name, ct);
            return Results.Created($"/api/labs/{lab.Id}", lab);
        }).RequireAuthorization(HubPolicies.GlobalAdmin).WithName("CreateLab").WithSummary("Admins over every lab only.")
            .WithMetadata(new RequestBodyLimit(((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<LabLimits>>().Value.MaxJsonBodyBytes));
    }
}
