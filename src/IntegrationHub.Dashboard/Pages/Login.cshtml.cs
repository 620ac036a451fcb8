using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace IntegrationHub.Dashboard.Pages;

[AllowAnonymous]
[EnableRateLimiting(DashboardRateLimits.SignIn)]
public sealed class LoginModel(UserAccounts accounts, AuditTrail audit) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await accounts.SignInAsync(UserName, Password, ct);
        if (user is null)
        {
            Error = "Unknown user name or wrong password.";
            Password = "";
            return Page();
        }

        var principal = HubClaims.Session(user);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        await audit.RecordAsync(principal, "user.signed-in", null, $"user {user.UserName}", null, ct);
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/");
    }
}
