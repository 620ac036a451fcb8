using IntegrationHub.Configuration;

namespace IntegrationHub.Lab.Services;

/// <summary>Business input was rejected; nothing was written. The web layer answers 400 with the problems.</summary>
public sealed class LabValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;

    public static LabValidationException Of(string field, string message) => new([new ValidationProblem(field, message)]);
}
