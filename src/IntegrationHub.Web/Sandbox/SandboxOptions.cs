using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Web.Sandbox;

/// <summary>The built-in sandbox partner; bound from <c>IntegrationHub:Sandbox</c>. Off unless the server runs the demo.</summary>
public sealed class SandboxOptions
{
    public const string Section = "IntegrationHub:Sandbox";

    /// <summary>
    /// Whether <c>/sandbox</c> is mapped at all. Its receiving route is open to anyone (it plays a
    /// partner), so it exists only for the demo. Default: false; <c>--demo</c> turns it on.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Largest request body a channel accepts, in bytes; larger ones are answered 413. Default: 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most channels; a request naming a new one beyond this is answered 507. Default: 50.</summary>
    [Range(1, 10_000)]
    public int MaxChannels { get; set; } = 50;

    /// <summary>Requests kept per channel, newest first. Default: 500.</summary>
    [Range(1, 100_000)]
    public int MaxRequestsPerChannel { get; set; } = 500;

    /// <summary>Bytes of bodies kept over all channels; the oldest requests are dropped beyond it. Default: 64 MiB.</summary>
    [Range(64 * 1024, 4L * 1024 * 1024 * 1024)]
    public long MaxTotalBytes { get; set; } = 64L * 1024 * 1024;
}
