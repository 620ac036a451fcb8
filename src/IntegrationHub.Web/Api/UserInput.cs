using IntegrationHub.Access;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Api;

/// <summary>Body of POST/PUT /api/users. In a PUT every field is optional: a missing one stays as it is.</summary>
internal sealed record UserInput(string? UserName, string? Password, string? Role, string? Labs, bool? Disabled = null)
{
    public IResult? Parse(out HubRole role, out LabScope labs) => ParseAccess(Role, Labs, out role, out labs);

    /// <summary>The fields of a PUT that are present; a present one must be valid.</summary>
    public IResult? ParseChange(out UserChange change)
    {
        change = new UserChange();
        HubRole? role = null;
        LabScope? labs = null;
        if (Role is not null)
        {
            if (ParseRole(Role, out var parsed) is { } invalid)
            {
                return invalid;
            }

            role = parsed;
        }

        if (Labs is not null)
        {
            if (ParseLabs(Labs, out var parsed) is { } invalid)
            {
                return invalid;
            }

            labs = parsed;
        }

        change = new UserChange(role, labs, Disabled, Password);
        return null;
    }

    /// <summary>Role name and lab scope (<c>*</c> or comma-separated lab ids), as users and keys take them.</summary>
    public static IResult? ParseAccess(string? roleText, string? labsText, out HubRole role, out LabScope labs)
    {
        labs = LabScope.Only([]);
        return ParseRole(roleText, out role) ?? ParseLabs(labsText ?? "", out labs);
    }

    private static IResult? ParseRole(string? text, out HubRole role) =>
        !Enum.TryParse(text, ignoreCase: true, out role) || !Enum.IsDefined(role) || int.TryParse(text, out _)
            ? ApiProblems.Validation("role", "Must be Viewer, Operator or Admin.")
            : null;

    private static IResult? ParseLabs(string text, out LabScope labs)
    {
        try
        {
            labs = LabScope.Parse(text);
            return null;
        }
        catch (FormatException e)
        {
            labs = LabScope.Only([]);
            return ApiProblems.Validation("labs", e.Message);
        }
    }
}
