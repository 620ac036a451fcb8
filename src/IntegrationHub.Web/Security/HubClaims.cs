using System.Security.Claims;
using IntegrationHub.Access;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace IntegrationHub.Web.Security;

/// <summary>How a signed-in user or API key is described on the request, and how to read it back.</summary>
public static class HubClaims
{
    /// <summary>The lab scope in its stored form (<c>*</c> or comma-separated ids).</summary>
    public const string Labs = "hub:labs";

    /// <summary>The highest role held; role claims are also issued for every role it includes.</summary>
    public const string HighestRole = "hub:role";

    /// <summary>The user's security stamp when the session began (dashboard sessions only).</summary>
    public const string SecurityStamp = "hub:stamp";

    /// <summary>A dashboard session of <paramref name="user"/>: the claims of <see cref="Principal"/> and the user's security stamp.</summary>
    public static ClaimsPrincipal Session(HubUser user)
    {
        var principal = Principal(user.UserName, user.Role, user.Labs, CookieAuthenticationDefaults.AuthenticationScheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SecurityStamp, user.SecurityStamp));
        return principal;
    }

    public static ClaimsPrincipal Principal(string name, HubRole role, LabScope labs, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(HighestRole, role.ToString()),
            new(Labs, labs.ToString()),
        };
        foreach (var included in Enum.GetValues<HubRole>().Where(r => r <= role))
        {
            claims.Add(new Claim(ClaimTypes.Role, included.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Who to write in the audit log and in a manual attempt's "requested by".</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>The security stamp the session was issued with; null when it carries none.</summary>
    public static string? SessionStamp(this ClaimsPrincipal user) => user.FindFirstValue(SecurityStamp);

    public static HubRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<HubRole>(user.FindFirstValue(HighestRole), out var role) ? role : null;

    public static bool Can(this ClaimsPrincipal user, HubRole needed) => user.Role() is { } role && role >= needed;

    /// <summary>The user's labs; nothing at all when the claim is missing or unreadable.</summary>
    public static LabScope LabScope(this ClaimsPrincipal user)
    {
        try
        {
            return user.FindFirstValue(Labs) is { } text ? Access.LabScope.Parse(text) : Access.LabScope.Only([]);
        }
        catch (FormatException)
        {
            return Access.LabScope.Only([]);
        }
    }
}
