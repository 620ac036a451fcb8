using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Web.Security;

/// <summary>Browser hardening on every answer: no framing, no sniffing, scripts and styles from this origin only.</summary>
public static class SecurityHeadersExtensions
{
    /// <summary>
    /// Challenges anonymous requests under <paramref name="path"/>, for endpoints mapped anonymous
    /// by their library (the OpenAPI document): the API's shape is shown to signed-in callers only.
    /// </summary>
    public static IApplicationBuilder RequireSignInFor(this IApplicationBuilder app, string path) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(path), branch => branch.Use(async (http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                await http.ChallengeAsync();
                return;
            }

            await next();
        }));

    public static IApplicationBuilder UseHubSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        // Inline style attributes are allowed (bar widths); inline scripts are not.
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
        await next();
    });
}
