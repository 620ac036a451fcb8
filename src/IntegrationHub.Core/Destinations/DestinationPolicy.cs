using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Destinations;

/// <summary>
/// Decides which addresses the hub may send to (deliveries and token requests alike): public
/// addresses, and internal ones only when <see cref="DestinationOptions.Allow"/> lists them. The
/// decision is taken on the address actually dialled (<see cref="ConnectAsync"/>, the handlers'
/// connect callback), so no host name, redirect or numeric spelling of an address can get round it.
/// </summary>
public sealed class DestinationPolicy
{
    /// <summary>The configuration key to name in refusals.</summary>
    public const string AllowKey = "IntegrationHub:Destinations:Allow";

    private ImmutableArray<AllowedDestination> _allowed;

    public DestinationPolicy(IOptions<DestinationOptions> options)
    {
        var allowed = ImmutableArray.CreateBuilder<AllowedDestination>();
        for (var i = 0; i < options.Value.Allow.Count; i++)
        {
            allowed.Add(AllowedDestination.Parse(options.Value.Allow[i])
                ?? throw new OptionsValidationException(AllowKey, typeof(DestinationOptions), [$"{AllowKey}:{i} is not a CIDR range, an address, a host name or host:port."]));
        }

        _allowed = allowed.ToImmutable();
    }

    /// <summary>Whether every entry of <paramref name="options"/> can be read; for start-up validation.</summary>
    public static bool IsValid(DestinationOptions options) => options.Allow.All(e => AllowedDestination.Parse(e) is not null);

    /// <summary>Allows one more destination from now on (the demo's own sandbox, at the address the server got).</summary>
    public void Allow(string entry) =>
        ImmutableInterlocked.Update(ref _allowed, list => list.Add(AllowedDestination.Parse(entry) ?? throw new ArgumentException($"'{entry}' is not a destination.", nameof(entry))));

    /// <summary>Why <paramref name="address"/>, reached as <paramref name="host"/>:<paramref name="port"/>, is refused; null when it is allowed.</summary>
    public string? Refusal(string host, int port, IPAddress address)
    {
        var range = InternalRanges.ClassOf(address);
        if (range is null || _allowed.Any(a => a.Matches(host, port, address)))
        {
            return null;
        }

        return $"the destination address is {range}, an internal range; internal destinations are refused unless listed in {AllowKey}";
    }

    /// <summary>
    /// At save time: why the URL is refused when its host is an address or a loopback name, so a
    /// mistake is named at once; names are checked again on the address dialled at send time.
    /// </summary>
    public string? LiteralRefusal(Uri url)
    {
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "must not carry credentials (user:password@); use auth, secretHeaders or secretQuery";
        }

        var host = url.IdnHost;
        var percent = host.IndexOf('%', StringComparison.Ordinal);
        if (IPAddress.TryParse(percent < 0 ? host : host[..percent], out var address))
        {
            return Refusal(host, url.Port, address);
        }

        var name = AllowedDestination.Normalise(host);
        return name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal)
            ? Refusal(host, url.Port, IPAddress.Loopback)
            : null;
    }

    /// <summary>
    /// The connect callback of the partner handlers: resolves the host, dials the first allowed
    /// address that answers, and refuses with <see cref="DestinationRefusedException"/> when none is allowed.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        string? refusal = null;
        Exception? failure = null;
        foreach (var address in addresses)
        {
            if (Refusal(host, port, address) is { } why)
            {
                refusal ??= why;
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failure ?? new DestinationRefusedException(refusal is null ? $"The host {host} has no address." : $"Refused: {refusal}.");
    }
}
