namespace IntegrationHub.Actions;

/// <summary>One entry of the action catalog.</summary>
/// <param name="Id">The stable number.</param>
/// <param name="Name">A stable machine name, e.g. <c>PatientRegistration</c>.</param>
/// <param name="Family">The family whose trigger raises it.</param>
/// <param name="Description">What happened in the lab.</param>
/// <param name="Attachments">Attachment names an integration of this action may ask for.</param>
public sealed record ActionDefinition(
    ActionId Id,
    string Name,
    ActionFamily Family,
    string Description,
    IReadOnlyList<string> Attachments);
