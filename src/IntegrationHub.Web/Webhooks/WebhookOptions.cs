using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Web.Webhooks;

/// <summary>Partner callbacks to <c>POST /api/webhooks/{integrationId}</c>, bound from <c>IntegrationHub:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "IntegrationHub:Webhooks";

    /// <summary>Largest callback body accepted, in bytes; a larger one is refused with 413 before it is read. Default: 64 KiB.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
