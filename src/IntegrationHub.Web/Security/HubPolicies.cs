using IntegrationHub.Access;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Web.Security;

/// <summary>The authorization policies: one per role, and one for admins over every lab.</summary>
public static class HubPolicies
{
    public const string Viewer = "hub-viewer";

    public const string Operator = "hub-operator";

    public const string Admin = "hub-admin";

    /// <summary>An admin whose scope is every lab: may manage users, keys and labs.</summary>
    public const string GlobalAdmin = "hub-global-admin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, p => p.RequireAuthenticatedUser().RequireRole(nameof(HubRole.Viewer)));
        options.AddPolicy(Operator, p => p.RequireAuthenticatedUser().RequireRole(nameof(HubRole.Operator)));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(nameof(HubRole.Admin)));
        options.AddPolicy(GlobalAdmin, p => p.RequireAuthenticatedUser().RequireRole(nameof(HubRole.Admin))
            .RequireAssertion(c => c.User.LabScope().IsAllLabs));

        // Secure by default: an endpoint that names no policy still needs a signed-in viewer.
        options.FallbackPolicy = options.GetPolicy(Viewer);
    }
}
