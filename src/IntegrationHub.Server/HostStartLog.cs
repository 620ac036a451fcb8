using Microsoft.Extensions.Logging;

namespace IntegrationHub.Server;

/// <summary>
/// The host logs a failure to start (with its stack trace) and then throws it; <see cref="StartupErrors"/>
/// reports the thrown one in a line or two, so the host's own error log is left out until the
/// server has started. Later errors of the host (a background service that fails) are logged as
/// always, and critical ones at any time.
/// </summary>
internal sealed class HostStartLog
{
    public const string Category = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _started;

    /// <summary>
    /// Warnings and above (the host logs nothing at information level; this rule replaces the
    /// configured level for its category), errors only once started.
    /// </summary>
    public bool Allows(LogLevel level) => level >= LogLevel.Warning && (_started || level != LogLevel.Error);

    public void Started() => _started = true;
}
