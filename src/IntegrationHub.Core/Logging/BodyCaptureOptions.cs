using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Logging;

/// <summary>How much of a body a log keeps, bound from the <c>IntegrationHub</c> section.</summary>
public sealed class BodyCaptureOptions
{
    public const string Section = "IntegrationHub";

    /// <summary>Largest request or response body kept in a log, in bytes; longer ones are cut and flagged. Default: 64 KiB.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxLoggedBodyBytes { get; set; } = 64 * 1024;
}
