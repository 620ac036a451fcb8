using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Api;

/// <summary>GET /api/actions and GET /api/labs; the lab domain maps the route that creates a lab.</summary>
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
    }
}
