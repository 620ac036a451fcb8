using System.Security.Claims;
using IntegrationHub.Access;

namespace IntegrationHub.Web.Security;

/// <summary>How a signed-in user or API key is described on the request, and how to read it back.</summary>
public static class HubClaims
{
    /// <summary>The lab scope in its stored form (<c>*</c> or comma-separated ids).</summary>
    public const string Labs = "hub:labs";

    /// <summary>The highest role held; role claims are also issued for every role it includes.</summary>
    public const string HighestRole = "hub:role";

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
