namespace IntegrationHub.Actions;

/// <summary>The fixed list of actions the hub knows. Adding an action is a code change; adding a vendor is not.</summary>
public static class ActionCatalog
{
    /// <summary>Attachment name for the signed report's PDF.</summary>
    public const string ReportPdf = "report_pdf";

    /// <summary>All actions, ordered by id.</summary>
    public static IReadOnlyList<ActionDefinition> All { get; } =
    [
        new(ActionId.BillGeneration, "BillGeneration", ActionFamily.Billing, "A bill with its line items was generated for a patient.", []),
        new(ActionId.SampleReceive, "SampleReceive", ActionFamily.Sample, "A sample was received at the lab.", []),
        new(ActionId.ReportSigned, "ReportSigned", ActionFamily.Report, "A report was signed; its PDF is available.", [ReportPdf]),
        new(ActionId.PatientRegistration, "PatientRegistration", ActionFamily.Patient, "A new patient was registered.", []),
        new(ActionId.PatientUpdate, "PatientUpdate", ActionFamily.Patient, "A registered patient's details changed.", []),
    ];

    /// <summary>Finds an action by its number, or null when the number is not in the catalog.</summary>
    public static ActionDefinition? Find(int id) => All.FirstOrDefault(a => (int)a.Id == id);

    /// <summary>The definition of a known action.</summary>
    public static ActionDefinition Get(ActionId id) =>
        Find((int)id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, "Not in the action catalog.");
}
