namespace IntegrationHub.Configuration;

/// <summary>Payload shape of one integration.</summary>
public sealed class PayloadSettings
{
    public PayloadFormat Format { get; set; } = PayloadFormat.CanonicalJson;

    /// <summary>Liquid source; required when <see cref="Format"/> is Liquid.</summary>
    public string? Template { get; set; }

    /// <summary>Content type of the body. Default: application/json.</summary>
    public string ContentType { get; set; } = "application/json";
}
