namespace IntegrationHub.Configuration;

/// <summary>How an integration's request body is produced.</summary>
public enum PayloadFormat
{
    /// <summary>The documented canonical JSON document of the action.</summary>
    CanonicalJson,

    /// <summary>A Liquid template (Fluid) over the same context model; renders JSON or any text.</summary>
    Liquid,
}
