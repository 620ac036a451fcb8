namespace IntegrationHub.History;

/// <summary>The business entities a timeline can be asked for.</summary>
public enum EntityKind
{
    Patient,
    Bill,
    Sample,
    Report,
}
