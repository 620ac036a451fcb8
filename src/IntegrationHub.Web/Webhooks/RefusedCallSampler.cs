using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Webhooks;

/// <summary>
/// Decides which refused partner callbacks are logged: the first <see cref="WebhookOptions.RefusedLogsPerMinute"/>
/// of each integration in a minute, and the count of those left out, written on the next one logged.
/// A flood of forged or broken callbacks then costs a few log rows a minute, not one row a call.
/// </summary>
internal sealed class RefusedCallSampler(IOptions<WebhookOptions> options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<long, Window> _windows = [];

    /// <summary>Whether to log this refusal; <paramref name="leftOut"/> is how many were not logged since the last one that was.</summary>
    public bool ShouldLog(long integrationId, out int leftOut)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_windows.TryGetValue(integrationId, out var window) || now - window.Start >= TimeSpan.FromMinutes(1))
            {
                window = new Window { Start = now, LeftOut = window?.LeftOut ?? 0 };
                _windows[integrationId] = window;
            }

            if (window.Logged >= options.Value.RefusedLogsPerMinute)
            {
                window.LeftOut++;
                leftOut = 0;
                return false;
            }

            window.Logged++;
            leftOut = window.LeftOut;
            window.LeftOut = 0;
            return true;
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; init; }

        public int Logged { get; set; }

        public int LeftOut { get; set; }
    }
}
