using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;

namespace IntegrationHub.Lab.Services;

/// <summary>What a valid patient is, for the API and the bulk upload alike.</summary>
internal static class PatientRules
{
    private static readonly string[] Sexes = ["M", "F", "O", "U"];

    public static List<ValidationProblem> Check(PatientInput input, DateOnly today, string prefix = "")
    {
        var problems = new List<ValidationProblem>();
        void Require(string? value, string field, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new(prefix + field, "Required."));
            }
            else if (value.Length > max)
            {
                problems.Add(new(prefix + field, $"At most {max} characters."));
            }
        }

        Require(input.Mrn, "mrn", 64);
        Require(input.FirstName, "firstName", 100);
        Require(input.LastName, "lastName", 100);
        if (input.Sex is { } sex && !Sexes.Contains(sex.ToUpperInvariant()))
        {
            problems.Add(new(prefix + "sex", "Must be M, F, O or U."));
        }

        if (input.DateOfBirth is { } dob && (dob > today || dob.Year < 1880))
        {
            problems.Add(new(prefix + "dateOfBirth", "Must be a real date of birth, not in the future."));
        }

        if (input.Email is { Length: > 0 } email && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 200))
        {
            problems.Add(new(prefix + "email", "Not an e-mail address."));
        }

        return problems;
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
