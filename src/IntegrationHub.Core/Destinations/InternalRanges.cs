using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Destinations;

/// <summary>
/// The address ranges a partner may not be reached at unless allowed: where the hub's own host,
/// its network neighbours and cloud metadata services live (RFC 6890 special-purpose registries).
/// </summary>
internal static class InternalRanges
{
    private static readonly (IPNetwork Range, string Name)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "this-network (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared carrier-grade NAT (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (169.254.0.0/16, where cloud metadata lives)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation (192.0.2.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (224.0.0.0/4)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (240.0.0.0/4)"),
    ];

    private static readonly (IPNetwork Range, string Name)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified (::)"),
        (IPNetwork.Parse("::1/128"), "loopback (::1)"),
        (IPNetwork.Parse("100::/64"), "discard-only (100::/64)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (2001:db8::/32)"),
        (IPNetwork.Parse("fc00::/7"), "unique local (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (ff00::/8)"),
    ];

    // IPv6 forms that carry an IPv4 address inside: checked as that IPv4 address.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>The name of the internal range <paramref name="address"/> lies in, or null when it is public.</summary>
    public static string? ClassOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return ClassOf(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Find(V4, address);
        }

        if (Nat64.Contains(address))
        {
            return ClassOf(new IPAddress(address.GetAddressBytes()[12..]));
        }

        if (SixToFour.Contains(address))
        {
            return ClassOf(new IPAddress(address.GetAddressBytes()[2..6]));
        }

        // IPv4-compatible (::a.b.c.d, deprecated) addresses reach IPv4 on some stacks.
        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6Loopback) && !address.Equals(IPAddress.IPv6None))
        {
            return ClassOf(new IPAddress(bytes[12..]));
        }

        return Find(V6, address);
    }

    private static string? Find((IPNetwork Range, string Name)[] ranges, IPAddress address)
    {
        foreach (var (range, name) in ranges)
        {
            if (range.Contains(address))
            {
                return name;
            }
        }

        return null;
    }
}
