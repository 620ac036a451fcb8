using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Web.Requests;

public static class RequestGuardExtensions
{
    /// <summary>
    /// Refuses, before any endpoint reads the body: a <c>Content-Type</c> charset that is no known
    /// encoding (415), and a body over the endpoint's <see cref="RequestBodyLimit"/> (413). Call after
    /// routing and authorization (strangers are refused before their bodies are read) and before
    /// the endpoints.
    /// </summary>
    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app) =>
        app.Use(RequestCharsetGuard.InvokeAsync).Use(RequestBodyLimitGuard.InvokeAsync);
}
