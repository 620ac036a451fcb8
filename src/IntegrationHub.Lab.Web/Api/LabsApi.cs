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

        api.MapPut("/labs/{labId:long}", async (long labId, LabRename input, LabService labs, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            var before = (await labs.ListLabsAsync(ct)).FirstOrDefault(l => l.Id == labId);
            if (before is null || await labs.RenameAsync(labId, input.Name, ct) is not { } lab)
            {
                return IntegrationHub.Web.Api.ApiProblems.NotFound($"Lab {labId} does not exist.");
            }

            await audit.RecordAsync(http.User, "lab.renamed", lab.Id, $"lab {lab.Id}", $"{before.Name} -> {lab.Name}", ct);
            return Results.Ok(lab);
        }).RequireAuthorization(HubPolicies.GlobalAdmin).WithName("RenameLab").WithSummary("Renames a lab (its code stays). Admins over every lab only.")
            .WithMetadata(new RequestBodyLimit(((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<LabLimits>>().Value.MaxJsonBodyBytes));
    }

    /// <summary>The body of <c>PUT /api/labs/{labId}</c>.</summary>
    internal sealed record LabRename(string? Name);
}
