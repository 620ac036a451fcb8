namespace IntegrationHub.Logging;

/// <summary>
/// What a search box resolved to, as a filter over the directory: a log matches when it concerns any
/// of the entities, or its partner reference or its id is <see cref="Reference"/>. Applies together
/// with every other filter of the <see cref="LogQuery"/>. Built by <see cref="LogSearchResolver"/>
/// from what people know (an MRN, a name, a barcode, a bill number, the partner's reference); stores
/// answer it from their indexes, one per kind of match.
/// </summary>
public sealed record LogSearch
{
    /// <summary>The most entities of each kind one search may name; a resolver keeps the first ones it finds.</summary>
    public const int MaxEntities = 50;

    /// <summary>What was typed (<c>q</c>), kept so a job that ran the search can say so and link back to it.</summary>
    public string? Text { get; init; }

    public IReadOnlyList<long> PatientIds { get; init; } = [];

    public IReadOnlyList<long> BillIds { get; init; } = [];

    public IReadOnlyList<long> SampleIds { get; init; } = [];

    public IReadOnlyList<long> ReportIds { get; init; } = [];

    /// <summary>A partner reference or a log id, compared exactly; null for none.</summary>
    public string? Reference { get; init; }

    /// <summary>Nothing to match: the search found nothing, so no log matches.</summary>
    public bool IsEmpty => PatientIds.Count == 0 && BillIds.Count == 0 && SampleIds.Count == 0 && ReportIds.Count == 0 && Reference is null;
}
