namespace IntegrationHub.Actions;

/// <summary>
/// The trigger path ("common function") an action belongs to. Every action of a family is raised
/// through the same function, whatever started it (API, bulk upload, retry).
/// </summary>
public enum ActionFamily
{
    Patient,
    Billing,
    Sample,
    Report,
}
