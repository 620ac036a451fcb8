using IntegrationHub.Access;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Api;

/// <summary>Body of POST/PUT /api/users.</summary>
internal sealed record UserInput(string? UserName, string? Password, string? Role, string? Labs, bool Disabled = false)
{
    public IResult? Parse(out HubRole role, out LabScope labs) => ParseAccess(Role, Labs, out role, out labs);

    /// <summary>Role name and lab scope (<c>*</c> or comma-separated lab ids), as users and keys take them.</summary>
    public static IResult? ParseAccess(string? roleText, string? labsText, out HubRole role, out LabScope labs)
    {
        labs = LabScope.Only([]);
        if (!Enum.TryParse(roleText, ignoreCase: true, out role) || !Enum.IsDefined(role) || int.TryParse(roleText, out _))
        {
            return ApiProblems.Validation("role", "Must be Viewer, Operator or Admin.");
        }

        try
        {
            labs = LabScope.Parse(labsText ?? "");
            return null;
        }
        catch (FormatException e)
        {
            return ApiProblems.Validation("labs", e.Message);
        }
    }
}
