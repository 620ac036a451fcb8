using IntegrationHub.History;

namespace IntegrationHub.Logging;

/// <summary>
/// Turns what was typed into the search box into a <see cref="LogSearch"/>: the entities the domain
/// finds for it (when a domain search is registered) and the text itself as a partner reference or
/// log id. Never an "everything": a text that names nothing finds no log.
/// </summary>
public static class LogSearchResolver
{
    /// <summary>The longest text a search takes, in characters; a longer one is refused (400) by name.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The search for <paramref name="text"/> within <paramref name="labIds"/>, and the entities it named.</summary>
    /// <exception cref="ArgumentException">The text is empty or longer than <see cref="MaxTextLength"/>.</exception>
    public static async Task<(LogSearch Search, IReadOnlyList<EntityMatch> Entities)> ResolveAsync(string text, IEntitySearch? entities, IReadOnlyCollection<long>? labIds, CancellationToken cancellationToken)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxTextLength)
        {
            throw new ArgumentException($"q must be 1 to {MaxTextLength} characters.", nameof(text));
        }

        var found = entities is null ? [] : await entities.FindAsync(trimmed, labIds, LogSearch.MaxEntities, cancellationToken);
        IReadOnlyList<long> Of(EntityKind kind) => [.. found.Where(e => e.Kind == kind).Select(e => e.Id).Distinct().Take(LogSearch.MaxEntities)];
        var search = new LogSearch
        {
            Text = trimmed,
            PatientIds = Of(EntityKind.Patient),
            BillIds = Of(EntityKind.Bill),
            SampleIds = Of(EntityKind.Sample),
            ReportIds = Of(EntityKind.Report),
            Reference = trimmed,
        };
        return (search, found);
    }
}
