namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A test class with its own hub server (real Kestrel, fresh SQLite file) and partner sink.</summary>
public abstract class HubTest : IAsyncLifetime
{
    protected HubTestServer Hub { get; private set; } = null!;

    protected TestSink Sink { get; private set; } = null!;

    /// <summary>Configuration overrides for this class's server.</summary>
    protected virtual Dictionary<string, string?>? Settings => null;

    /// <summary>A fake clock for this class's server, or null for the system clock.</summary>
    protected virtual TimeProvider? Time => null;

    public virtual async Task InitializeAsync()
    {
        Hub = await HubTestServer.StartAsync(Settings, Time);
        Sink = await TestSink.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
