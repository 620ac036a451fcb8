namespace IntegrationHub.Access;

/// <summary>
/// The labs a user or key may see. Everything of another lab answers as if it did not exist, so a
/// scope never reveals which ids are in use elsewhere.
/// </summary>
public sealed record LabScope
{
    private LabScope(bool all, IReadOnlySet<long> labs)
    {
        IsAllLabs = all;
        Labs = labs;
    }

    /// <summary>Every lab, present and future.</summary>
    public static LabScope AllLabs { get; } = new(true, new HashSet<long>());

    public bool IsAllLabs { get; }

    /// <summary>The labs in scope when <see cref="IsAllLabs"/> is false.</summary>
    public IReadOnlySet<long> Labs { get; }

    public static LabScope Only(IEnumerable<long> labs) => new(false, new HashSet<long>(labs));

    /// <summary>Null (every lab) or the lab ids: the shape stores take as a filter.</summary>
    public IReadOnlyCollection<long>? AsFilter() => IsAllLabs ? null : [.. Labs];

    public bool Allows(long labId) => IsAllLabs || Labs.Contains(labId);

    /// <summary>Every lab of <paramref name="other"/> is in this scope (only every lab covers every lab).</summary>
    public bool Covers(LabScope other) => IsAllLabs || (!other.IsAllLabs && other.Labs.All(Labs.Contains));

    /// <summary>The labs a log filter can reach: its one lab when it names one, else the labs it is limited to, else every lab.</summary>
    public static LabScope Of(long? labId, IReadOnlyCollection<long>? labIds) =>
        labId is { } lab ? Only([lab]) : labIds is not null ? Only(labIds) : AllLabs;

    /// <summary>Stored form: <c>*</c> for every lab, else comma-separated ids.</summary>
    public override string ToString() => IsAllLabs ? "*" : string.Join(',', Labs.Order());

    /// <summary>Reads the stored form; throws <see cref="FormatException"/> on anything else.</summary>
    public static LabScope Parse(string text)
    {
        if (text.Trim() == "*")
        {
            return AllLabs;
        }

        var ids = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ids.Add(long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
                ? id
                : throw new FormatException($"'{part}' is not a lab id; use '*' or comma-separated lab ids."));
        }

        return Only(ids);
    }
}
