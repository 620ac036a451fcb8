using IntegrationHub.Lab.Hosting;
using IntegrationHub.Lab.Services;
using IntegrationHub.Web.Requests;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Web.Api;

/// <summary>POST /api/labs: creating a lab is the lab domain's business; the hub lists labs through its directory.</summary>
internal static class LabsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/labs", async (LabInput input, LabService labs, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            var lab = await labs.CreateAsync(input, ct);
            await audit.RecordAsync(http.User, "lab.created", lab.Id, $"lab {lab.Id}", lab.Name, ct);
            return Results.Created($"/api/labs/{lab.Id}", lab);
        }).RequireAuthorization(HubPolicies.GlobalAdmin).WithName("CreateLab").WithSummary("Admins over every lab only.")
            .WithMetadata(new RequestBodyLimit(((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<LabLimits>>().Value.MaxJsonBodyBytes));
    }
}
