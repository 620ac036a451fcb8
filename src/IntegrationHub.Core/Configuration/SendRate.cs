namespace IntegrationHub.Configuration;

/// <summary>
/// An integration's <see cref="LabIntegration.RateLimitPerSecond"/> as a window of sends: at most
/// <see cref="PerWindow"/> requests in any <see cref="Window"/>. One meaning for every throttle, in
/// this process or across a cluster.
/// </summary>
/// <param name="PerWindow">Sends a window allows; 0 when the integration has no rate limit.</param>
/// <param name="Window">The window, a small guard band included.</param>
public readonly record struct SendRate(int PerWindow, TimeSpan Window)
{
    // Partners count on their own clocks; a small guard band keeps clock drift from making a
    // compliant sender look too fast on their side.
    private const double GuardFraction = 0.02;

    /// <summary>Whether the rate limits anything.</summary>
    public bool IsLimited => PerWindow > 0;

    /// <summary>The least time between two starts, so sends are paced rather than let out in bursts.</summary>
    public TimeSpan Pace => IsLimited ? Window / PerWindow : TimeSpan.Zero;

    /// <summary>The window of <paramref name="ratePerSecond"/> (0 or less: no limit).</summary>
    public static SendRate Of(double ratePerSecond)
    {
        if (ratePerSecond <= 0 || double.IsNaN(ratePerSecond))
        {
            return default;
        }

        // Below 1/s the window stretches so that one send per 1/rate seconds is allowed.
        var seconds = Math.Max(1, 1 / ratePerSecond);
        return new SendRate(Math.Max(1, (int)Math.Floor(ratePerSecond * seconds)), TimeSpan.FromSeconds(seconds * (1 + GuardFraction)));
    }
}
