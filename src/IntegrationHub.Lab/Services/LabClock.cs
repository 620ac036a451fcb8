namespace IntegrationHub.Lab.Services;

/// <summary>The moments the lab stores, at the precision every provider keeps.</summary>
internal static class LabClock
{
    /// <summary>
    /// Now, cut to whole microseconds: PostgreSQL keeps no finer, so what an API call answers on
    /// writing a row is what a later read of it gives back, on every provider.
    /// </summary>
    public static DateTimeOffset StoredNow(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
