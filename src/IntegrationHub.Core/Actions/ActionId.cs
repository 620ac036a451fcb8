namespace IntegrationHub.Actions;

/// <summary>
/// Stable business-event identifiers. The numbers are public API: integrations are configured
/// against them in the database, so a number is never reused or changed.
/// </summary>
public enum ActionId
{
    /// <summary>A bill was generated (seed: Action ID 1).</summary>
    BillGeneration = 1,

    /// <summary>A sample was received at the lab.</summary>
    SampleReceive = 12,

    /// <summary>A report was signed and its PDF produced.</summary>
    ReportSigned = 15,

    /// <summary>A new patient was registered (seed: Action ID 57).</summary>
    PatientRegistration = 57,

    /// <summary>A registered patient's details were corrected or changed.</summary>
    PatientUpdate = 58,
}
