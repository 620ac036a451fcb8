namespace IntegrationHub.Configuration;

/// <summary>
/// The Standard Webhooks side of one integration: how its outbound deliveries are signed and how
/// the partner's status callbacks to <c>POST /api/webhooks/{integrationId}</c> are verified.
/// Every value here is a secret: write-only through the API, encrypted at rest, never logged.
/// </summary>
public sealed class WebhookSettings
{
    /// <summary>
    /// Secrets (<c>whsec_</c> + base64) every outbound delivery is signed with. Each listed secret
    /// adds its own signature, so during a rotation (old and new listed) the partner can verify
    /// with either; remove the old one when the partner has switched. Empty: deliveries carry
    /// <c>webhook-id</c> and <c>webhook-timestamp</c> but no signature.
    /// </summary>
    public List<string> SigningSecrets { get; set; } = [];

    /// <summary>
    /// Secrets (<c>whsec_</c> + base64) the partner signs its callbacks with. Any one verifying is
    /// enough, which lets the partner rotate. When set, callbacks must be signed.
    /// </summary>
    public List<string> InboundSecrets { get; set; } = [];

    /// <summary>
    /// A key the partner may send in <c>X-Api-Key</c> instead of signing its callbacks; used only
    /// when <see cref="InboundSecrets"/> is empty.
    /// </summary>
    public string? InboundApiKey { get; set; }

    /// <summary>Most secrets a list may hold: the current one and those still valid during a rotation.</summary>
    public const int MaxSecrets = 3;
}
