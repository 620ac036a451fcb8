using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Sandbox;

/// <summary>
/// A built-in partner for demos and first steps: named channels that record what they receive
/// (secrets masked) and can be told to fail or to be slow. Bounded in channels, requests per
/// channel and bytes kept in all (<see cref="SandboxOptions"/>): the oldest requests go first.
/// </summary>
public sealed class SandboxReceiver(IOptions<SandboxOptions> options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SandboxChannel> _channels = new(StringComparer.OrdinalIgnoreCase);
    private long _bytes;

    public SandboxOptions Limits => options.Value;

    /// <summary>The channel of that name, created on first use; null when no more channels may be made.</summary>
    public SandboxChannel? Channel(string name)
    {
        lock (_gate)
        {
            if (_channels.TryGetValue(name, out var channel))
            {
                return channel;
            }

            if (_channels.Count >= Limits.MaxChannels)
            {
                return null;
            }

            channel = new SandboxChannel(name);
            _channels[name] = channel;
            return channel;
        }
    }

    public IEnumerable<SandboxChannel> Channels
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Records a request on its channel, dropping the oldest ones over the limits; answers the status to send back.</summary>
    public (int Status, int Sequence) Record(SandboxChannel channel, SandboxRequest request)
    {
        lock (_gate)
        {
            var (status, sequence, kept) = channel.Record(request);
            _bytes += kept.Body.Length * sizeof(char);
            while (channel.Count > Limits.MaxRequestsPerChannel && channel.DropOldest() is { } dropped)
            {
                _bytes -= dropped.Body.Length * sizeof(char);
            }

            // Over the byte budget: the oldest request of all channels goes first (a few dozen channels to look at).
            while (_bytes > Limits.MaxTotalBytes
                && _channels.Values.Where(c => c.Oldest is not null).MinBy(c => c.Oldest!.At) is { } holder
                && holder.DropOldest() is { } oldest)
            {
                _bytes -= oldest.Body.Length * sizeof(char);
            }

            return (status, sequence);
        }
    }

    /// <summary>Forgets what a channel received.</summary>
    public void Clear(SandboxChannel channel)
    {
        lock (_gate)
        {
            _bytes -= channel.Clear();
        }
    }
}
