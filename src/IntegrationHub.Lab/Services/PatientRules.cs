using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Hosting;

namespace IntegrationHub.Lab.Services;

/// <summary>What a valid patient is, for the API and the bulk upload alike.</summary>
internal static class PatientRules
{
    private static readonly string[] Sexes = ["M", "F", "O", "U"];

    public static IReadOnlyList<ValidationProblem> Check(PatientInput input, DateOnly today, LabLimits limits, string prefix = "")
    {
        var problems = new InputProblems(prefix);
        problems.Required("mrn", input.Mrn, limits.MrnMaxLength);
        problems.Required("firstName", input.FirstName, limits.PatientNameMaxLength);
        problems.Required("lastName", input.LastName, limits.PatientNameMaxLength);
        if (input.Sex is { } sex && !Sexes.Contains(sex.ToUpperInvariant()))
        {
            problems.Add("sex", "Must be M, F, O or U.");
        }

        if (input.DateOfBirth is { } dob && (dob > today || dob.Year < 1880))
        {
            problems.Add("dateOfBirth", "Must be a real date of birth, not in the future.");
        }

        problems.Optional("phone", input.Phone, limits.PhoneMaxLength);
        if (input.Email is { Length: > 0 } email)
        {
            if (email.Length > limits.EmailMaxLength)
            {
                problems.Add("email", $"At most {limits.EmailMaxLength} characters.");
            }
            else if (!email.Contains('@', StringComparison.Ordinal))
            {
                problems.Add("email", "Not an e-mail address.");
            }
        }

        return problems.All;
    }

    public static void Apply(PatientInput input, Patient patient)
    {
        patient.Mrn = input.Mrn!.Trim();
        patient.FirstName = input.FirstName!.Trim();
        patient.LastName = input.LastName!.Trim();
        patient.DateOfBirth = input.DateOfBirth;
        patient.Sex = (input.Sex ?? "U").ToUpperInvariant();
        patient.Phone = input.Phone;
        patient.Email = input.Email;
    }
}
