using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Access;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.Security;

/// <summary>
/// Dashboard sessions follow the user record on every request: the cookie holds only while the
/// user exists, is enabled and still has the security stamp, role and labs the cookie was issued
/// with. Signing out, a new password and a change of role, labs or enabled state replace the
/// stamp, so every copy of an older cookie is refused from the next request on. API paths answer 401/403 instead
/// of redirecting to the sign-in page (so does the OpenAPI document).
/// </summary>
internal sealed class CookieSessionEvents : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var store = context.HttpContext.RequestServices.GetRequiredService<IAccessStore>();
        var user = name is null ? null : await store.FindUserAsync(name, context.HttpContext.RequestAborted);
        if (user is null || !IsCurrent(context.Principal!, user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApi(context.Request) ? Status(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApi(context.Request) ? Status(context, StatusCodes.Status403Forbidden) : base.RedirectToAccessDenied(context);

    /// <summary>
    /// The session was issued to this user as it is now. Every change of role or labs made through
    /// the product replaces the stamp; comparing them too also ends a session whose user was changed
    /// in the store by other means. The scope is compared in its stored form (the record's set
    /// compares by reference). A stamp is never empty on a valid session.
    /// </summary>
    private static bool IsCurrent(ClaimsPrincipal session, HubUser user) =>
        !user.Disabled
        && session.SessionStamp() is { Length: > 0 } carried
        && user.SecurityStamp.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(carried), Encoding.UTF8.GetBytes(user.SecurityStamp))
        && session.Role() == user.Role
        && session.LabScope().ToString() == user.Labs.ToString();

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
