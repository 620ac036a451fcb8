namespace IntegrationHub.Configuration;

/// <summary>
/// Creating and renaming labs, for the dashboard's labs page: the domain owns labs (their rules,
/// their table), the hub only offers the pages. Optional: a host whose domain manages labs elsewhere
/// registers none, and the page lists labs without changing them.
/// </summary>
public interface ILabAdministration
{
    /// <summary>A new lab, or the problems (field and rule) that kept it from being created.</summary>
    Task<LabChange> CreateLabAsync(string name, string code, CancellationToken cancellationToken);

    /// <summary>The lab renamed; <see cref="LabChange.Lab"/> null and no problem when there is no such lab.</summary>
    Task<LabChange> RenameLabAsync(long labId, string name, CancellationToken cancellationToken);
}

/// <summary>What a change of a lab came to: the lab as it is now, or why nothing changed.</summary>
public sealed record LabChange(LabSummary? Lab, IReadOnlyList<ValidationProblem> Problems)
{
    public static LabChange Refused(IReadOnlyList<ValidationProblem> problems) => new(null, problems);
}
