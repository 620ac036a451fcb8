using System.Collections.Concurrent;

namespace IntegrationHub.Web.Sandbox;

/// <summary>
/// A built-in partner for demos and first steps: named channels that record what they receive
/// (secrets masked) and can be told to fail or to be slow.
/// </summary>
public sealed class SandboxReceiver
{
    private readonly ConcurrentDictionary<string, SandboxChannel> _channels = new(StringComparer.OrdinalIgnoreCase);

    public SandboxChannel Channel(string name) => _channels.GetOrAdd(name, n => new SandboxChannel(n));

    public IEnumerable<SandboxChannel> Channels => _channels.Values.OrderBy(c => c.Name, StringComparer.Ordinal);
}
