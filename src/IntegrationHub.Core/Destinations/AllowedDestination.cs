using System.Globalization;
using System.Net;

namespace IntegrationHub.Destinations;

/// <summary>One entry of <see cref="DestinationOptions.Allow"/>: a range, an address or a host name, each with or without a port.</summary>
internal sealed record AllowedDestination(IPNetwork? Range, string? HostName, int? Port)
{
    public bool Matches(string host, int port, IPAddress address)
    {
        if (Port is { } only && only != port)
        {
            return false;
        }

        return Range is { } range
            ? range.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
            : string.Equals(HostName, Normalise(host), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads an entry; null when it is none of the accepted shapes.</summary>
    public static AllowedDestination? Parse(string entry)
    {
        var text = entry.Trim();
        if (text.Length is 0 or > 300)
        {
            return null;
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(text, out var range) ? new AllowedDestination(range, null, null) : null;
        }

        if (IPAddress.TryParse(text.Trim('[', ']'), out var single) && (text.Count(c => c == ':') != 1))
        {
            return new AllowedDestination(Single(single), null, null);
        }

        // host:port, 1.2.3.4:port or [v6]:port
        var colon = text.LastIndexOf(':');
        int? port = null;
        var host = text;
        if (colon > 0 && (text[0] != '[' || text[colon - 1] == ']'))
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return null;
            }

            port = p;
            host = text[..colon];
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return new AllowedDestination(Single(address), null, port);
        }

        return Uri.CheckHostName(host) == UriHostNameType.Dns ? new AllowedDestination(null, Normalise(host), port) : null;
    }

    private static IPNetwork Single(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return new IPNetwork(plain, plain.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }

    public static string Normalise(string host) => host.TrimEnd('.').ToLowerInvariant();
}
