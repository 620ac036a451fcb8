using System.Diagnostics;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class ThroughputControlTests : IAsyncLifetime
{
    private HubTestServer _hub = null!;
    private TestSink _sink = null!;
    private long _lab;

    public async Task InitializeAsync()
    {
        _hub = await HubTestServer.StartAsync();
        _sink = await TestSink.StartAsync();
        _lab = await _hub.Client.CreateLabAsync("THROTTLE");
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _sink.DisposeAsync();
    }

    private async Task<string[]> RegisterManyAsync(int count, string prefix)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.AddRange((await _hub.Client.RegisterPatientAsync(_lab, $"{prefix}-{i}")).LogIds);
        }

        return [.. ids];
    }

    [Fact]
    public async Task An_integration_limited_to_5_per_second_never_receives_more_than_5_in_any_second()
    {
        await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/limited"), new { rateLimitPerSecond = 5, maxConcurrency = 10 });
        await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/unlimited"));
        var logIds = await RegisterManyAsync(16, "RL");
        foreach (var id in logIds)
        {
            await _hub.Client.WaitForStatusAsync(id, "Success", seconds: 30);
        }

        var arrivals = _sink.RequestsTo("/limited").Select(r => r.Timestamp).Order().ToList();
        Assert.Equal(16, arrivals.Count);
        for (var i = 0; i + 5 < arrivals.Count; i++)
        {
            var span = Stopwatch.GetElapsedTime(arrivals[i], arrivals[i + 5]);
            Assert.True(span >= TimeSpan.FromSeconds(1), $"requests {i}..{i + 5} arrived within {span.TotalMilliseconds:F0} ms");
        }

        // The limit is per integration: the unlimited partner was not held back to 5/s.
        var fast = _sink.RequestsTo("/unlimited").Select(r => r.Timestamp).Order().ToList();
        Assert.Equal(16, fast.Count);
        Assert.True(Stopwatch.GetElapsedTime(fast[0], fast[^1]) < Stopwatch.GetElapsedTime(arrivals[0], arrivals[^1]));
    }

    [Fact]
    public async Task An_integration_never_has_more_requests_in_flight_than_its_max_concurrency()
    {
        _sink.Responder = async _ =>
        {
            await Task.Delay(150);
            return SinkResponse.Ok("{}");
        };
        await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/narrow"), new { maxConcurrency = 2 });
        var logIds = await RegisterManyAsync(10, "MC");
        foreach (var id in logIds)
        {
            await _hub.Client.WaitForStatusAsync(id, "Success", seconds: 30);
        }

        Assert.Equal(2, _sink.MaxInFlight);
    }
}
