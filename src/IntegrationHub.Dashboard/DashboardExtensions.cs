using System.Reflection;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Dashboard;

/// <summary>Registers and maps the Integration Dashboard.</summary>
public static class DashboardExtensions
{
    public static IServiceCollection AddIntegrationDashboard(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", HubPolicies.Viewer);
                o.Conventions.AddPageRoute("/Integrations/Edit", "integrations/new");
            })
            .AddApplicationPart(typeof(DashboardExtensions).Assembly)
            .AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new Binding.UtcTimeModelBinderProvider()));
        services.AddRateLimiter(DashboardRateLimits.Add);
        return services;
    }

    /// <summary>
    /// Maps the dashboard at the site root, every page behind sign-in (the sign-in page and the
    /// stylesheet excepted), plus its static assets from embedded resources (no build step).
    /// </summary>
    public static IEndpointConventionBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        MapAsset(endpoints, "/assets/dashboard.css", "text/css; charset=utf-8");
        MapAsset(endpoints, "/assets/dashboard.js", "text/javascript; charset=utf-8");
        MapAsset(endpoints, "/assets/favicon.svg", "image/svg+xml");

        // Browsers ask for /favicon.ico whatever the page links; answer with the same icon, not a 404.
        MapAsset(endpoints, "/favicon.ico", "image/svg+xml", "favicon.svg");
        return endpoints.MapRazorPages().RequireAuthorization(HubPolicies.Viewer);
    }

    private static void MapAsset(IEndpointRouteBuilder endpoints, string path, string contentType, string? resource = null)
    {
        var name = resource ?? Path.GetFileName(path);
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var reader = new StreamReader(stream);
        var content = reader.ReadToEnd();
        endpoints.MapGet(path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(content, contentType);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
