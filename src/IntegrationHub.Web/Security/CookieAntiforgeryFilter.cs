using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Security;

/// <summary>
/// A state-changing API call carried by the dashboard's cookie must also carry the antiforgery
/// token (header <c>RequestVerificationToken</c>); API-key calls cannot be forged by a browser and
/// need none.
/// </summary>
internal sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        if (unsafeMethod && http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
            && !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(
                title: "Antiforgery token missing or invalid",
                detail: "A call made with the dashboard's session must carry the page's antiforgery token; machine clients use an API key.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }
}
