using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Web.Webhooks;

/// <summary>Partner callbacks to <c>POST /api/webhooks/{integrationId}</c>, bound from <c>IntegrationHub:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "IntegrationHub:Webhooks";

    /// <summary>Largest callback body accepted, in bytes; a larger one is refused with 413 before it is read. Default: 64 KiB.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Callbacks accepted per client address and minute; more answer 429 before anything is read or
    /// written, so a flood cannot fill the log. Default: 600 (10 a second).
    /// </summary>
    [Range(1, 10_000_000)]
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>
    /// Refused callbacks (bad signature, too large, malformed) logged per integration and minute;
    /// the others are counted, and the count is written on the next refusal logged. Default: 10.
    /// </summary>
    [Range(0, 100_000)]
    public int RefusedLogsPerMinute { get; set; } = 10;
}
