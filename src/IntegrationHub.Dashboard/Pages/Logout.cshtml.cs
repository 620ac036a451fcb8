using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IntegrationHub.Dashboard.Pages;

/// <summary>
/// Signing out ends every session of the user, not only this browser's: the user's security stamp
/// is replaced, so a copy of the cookie (another browser, a stolen one) is refused from then on.
/// </summary>
[AllowAnonymous]
public sealed class LogoutModel(UserAccounts accounts, AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/login");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme, Name: { } name })
        {
            await accounts.EndSessionsAsync(name, ct);
            await audit.RecordAsync(User, "user.signed-out", null, $"user {name}", "every session ended", ct);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/login");
    }
}
