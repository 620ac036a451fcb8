namespace IntegrationHub.History;

/// <summary>
/// The domain's side of the search box: the entities a text names, as support staff know them (an
/// MRN, a patient's name, a sample barcode, a bill number, a report title). Optional: without one,
/// a search finds logs by partner reference and log id only. Each look-up is an exact match over an
/// index (names and titles compared by their lower-cased, space-collapsed key).
/// </summary>
public interface IEntitySearch
{
    /// <summary>At most <paramref name="limit"/> entities of <paramref name="labIds"/> (null: every lab) that <paramref name="text"/> names, the most specific matches (an MRN, a barcode) first.</summary>
    Task<IReadOnlyList<EntityMatch>> FindAsync(string text, IReadOnlyCollection<long>? labIds, int limit, CancellationToken cancellationToken);
}

/// <summary>One entity a search named.</summary>
/// <param name="LabId">Its lab.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Id">Its id in the hub.</param>
/// <param name="MatchedBy">What matched, without the value: "MRN", "name", "barcode", "bill number", "report title".</param>
/// <param name="Label">How to show it (a patient's name and MRN): patient data, for operators only.</param>
public sealed record EntityMatch(long LabId, EntityKind Kind, long Id, string MatchedBy, string Label);
