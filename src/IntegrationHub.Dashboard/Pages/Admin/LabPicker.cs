using IntegrationHub.Access;
using IntegrationHub.Configuration;

namespace IntegrationHub.Dashboard.Pages.Admin;

/// <summary>A lab scope chosen from the list of labs (every lab, or some by name), not typed as ids.</summary>
/// <param name="Id">The select's id.</param>
/// <param name="Form">The form it belongs to, when it sits outside it (a table row's form).</param>
/// <param name="Current">The scope to show chosen.</param>
/// <param name="Labs">The labs to choose from.</param>
public sealed record LabPicker(string Id, string? Form, LabScope? Current, IReadOnlyList<LabSummary> Labs)
{
    /// <summary>The scope the form sent: "*" when every lab was chosen, else the chosen ids.</summary>
    public static string Scope(string[]? chosen) =>
        chosen is null || chosen.Length == 0 ? "" : chosen.Contains("*") ? "*" : string.Join(',', chosen);
}
