using IntegrationHub.Configuration;

namespace IntegrationHub.Lab.Services;

/// <summary>
/// The problems of one business input. Each names the field and the rule it breaks, never the
/// value: values are patient data (MRNs, names) and answers and logs must not repeat them.
/// </summary>
internal sealed class InputProblems(string prefix = "")
{
    private readonly List<ValidationProblem> _problems = [];

    public IReadOnlyList<ValidationProblem> All => _problems;

    public int Count => _problems.Count;

    public void Add(string field, string message) => _problems.Add(new ValidationProblem(prefix + field, message));

    public void AddRange(IEnumerable<ValidationProblem> problems) => _problems.AddRange(problems);

    /// <summary>A required text: present, not blank, and at most <paramref name="max"/> characters.</summary>
    public void Required(string field, string? value, int max, string? hint = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, hint is null ? "Required." : $"Required ({hint}).");
        }
        else
        {
            Optional(field, value, max);
        }
    }

    /// <summary>An optional text: absent, or at most <paramref name="max"/> characters.</summary>
    public void Optional(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"At most {max} characters.");
        }
    }

    /// <summary>Rejects the input, nothing written, when any problem was found.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new LabValidationException([.. _problems]);
        }
    }
}
