namespace IntegrationHub.Lab.Domain;

public sealed class Patient
{
    public long Id { get; set; }

    public long LabId { get; set; }

    /// <summary>Medical record number, unique within the lab.</summary>
    public string Mrn { get; set; } = "";

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    /// <summary>"first last", as <see cref="SearchKeys"/> compares it; set on every save.</summary>
    public string NameKey { get; set; } = "";

    /// <summary>The last name alone, as <see cref="SearchKeys"/> compares it; set on every save.</summary>
    public string LastNameKey { get; set; } = "";

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>M, F, O or U.</summary>
    public string Sex { get; set; } = "U";

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
