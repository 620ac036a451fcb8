using System.Text.Json.Serialization;
using IntegrationHub.Actions;

namespace IntegrationHub.Configuration;

/// <summary>
/// One partner endpoint configured for one (lab, action): the seed's <c>labIntegration</c> row.
/// A business event fans out to every active row for its lab and action.
/// </summary>
public sealed class LabIntegration
{
    /// <summary>Store-assigned id; 0 before the row is created.</summary>
    public long Id { get; set; }

    public long LabId { get; set; }

    public ActionId ActionId { get; set; }

    /// <summary>Human name shown in logs and the dashboard, e.g. "City Hospital EMR - reports".</summary>
    public string Name { get; set; } = "";

    /// <summary>The partner's organisation or product, e.g. "Epic", "Star Health".</summary>
    public string Vendor { get; set; } = "";

    /// <summary>Absolute http or https URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>POST (default), PUT or PATCH.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>Extra request headers. Values of names listed in <see cref="SecretHeaders"/> are secrets.</summary>
    /// <remarks>Populated on deserialisation so the case-insensitive comparer survives a round trip through a store.</remarks>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Header names whose values are secrets: write-only through the API, masked in every log.</summary>
    public List<string> SecretHeaders { get; set; } = [];

    /// <summary>
    /// Query parameters whose values are secrets, for partners that take a key in the URL
    /// (<c>?api_key=...</c>): appended to <see cref="Url"/> when sending, write-only through the API,
    /// encrypted at rest and masked in every log. Keep them out of <see cref="Url"/> itself.
    /// </summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public Dictionary<string, string> SecretQuery { get; set; } = new(StringComparer.Ordinal);

    public AuthSettings Auth { get; set; } = new();

    public PayloadSettings Payload { get; set; } = new();

    /// <summary>Signing of outbound deliveries and verification of the partner's callbacks.</summary>
    public WebhookSettings Webhooks { get; set; } = new();

    /// <summary>Inactive integrations are kept but receive nothing. Default: true.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Per-attempt HTTP timeout in seconds. Default: 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Most requests in flight to this integration at once. Default: 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Most requests started per second; 0 means no rate limit. Default: 0.</summary>
    public double RateLimitPerSecond { get; set; }

    /// <summary>Automatic attempts in all, the first included. Default: 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Attachment names (from the action's catalog entry) injected at dispatch, e.g. <c>report_pdf</c>.</summary>
    public List<string> Attachments { get; set; } = [];

    /// <summary>
    /// Dotted path of the partner's reference id in its JSON response (e.g. <c>data.id</c>),
    /// handed to the family's status callback. Null: none taken.
    /// </summary>
    public string? ReferenceField { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
