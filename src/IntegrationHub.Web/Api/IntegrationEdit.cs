using IntegrationHub.Configuration;

namespace IntegrationHub.Web.Api;

/// <summary>The outcome of an integration edit: saved, missing (or out of scope), or invalid with the fields at fault.</summary>
public sealed record IntegrationEdit(LabIntegration? Integration, bool NotFound, IReadOnlyList<ValidationProblem> Problems)
{
    public static IntegrationEdit Missing { get; } = new(null, true, []);

    /// <summary>
    /// The signing secret the hub generated for an integration created without one: to be shown
    /// once, in the answer to the create, and never again.
    /// </summary>
    public string? GeneratedSigningSecret { get; init; }

    public static IntegrationEdit Saved(LabIntegration integration) => new(integration, false, []);

    public static IntegrationEdit Invalid(params ValidationProblem[] problems) => new(null, false, problems);

    /// <summary>The API's answer for a failed edit.</summary>
    public Microsoft.AspNetCore.Http.IResult Problem() => NotFound
        ? ApiProblems.NotFound("The integration does not exist.")
        : ApiProblems.Validation(Problems, "The integration is invalid; nothing was saved.");
}
