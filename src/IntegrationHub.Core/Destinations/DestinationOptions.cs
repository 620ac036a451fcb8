namespace IntegrationHub.Destinations;

/// <summary>Where partners may be reached; bound from <c>IntegrationHub:Destinations</c>.</summary>
public sealed class DestinationOptions
{
    public const string Section = "IntegrationHub:Destinations";

    /// <summary>
    /// Destinations allowed although they are internal: CIDR ranges (<c>10.20.0.0/16</c>,
    /// <c>fd00::/8</c>), single addresses, host names (<c>emr.hospital.local</c>, any port) or
    /// <c>host:port</c> (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>emr.local:443</c>). Every other
    /// loopback, private, link-local, shared, multicast or reserved address is refused, whatever
    /// name leads to it. Default: empty (public addresses only).
    /// </summary>
    public List<string> Allow { get; set; } = [];
}
