using System.Diagnostics;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class ThroughputControlTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("THROTTLE");
    }

    private async Task<string[]> RegisterManyAsync(int count, string prefix)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.AddRange((await Hub.Client.RegisterPatientAsync(_lab, $"{prefix}-{i}")).LogIds);
        }

        return [.. ids];
    }

    [Fact]
    public async Task An_integration_limited_to_5_per_second_never_receives_more_than_5_in_any_second()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/limited"), new { rateLimitPerSecond = 5, maxConcurrency = 10 });
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/unlimited"));
        var logIds = await RegisterManyAsync(16, "RL");
        foreach (var id in logIds)
        {
            await Hub.Client.WaitForStatusAsync(id, "Success", seconds: 30);
        }

        var arrivals = Sink.RequestsTo("/limited").Select(r => r.Timestamp).Order().ToList();
        Assert.Equal(16, arrivals.Count);
        for (var i = 0; i + 5 < arrivals.Count; i++)
        {
            var span = Stopwatch.GetElapsedTime(arrivals[i], arrivals[i + 5]);
            Assert.True(span >= TimeSpan.FromSeconds(1), $"requests {i}..{i + 5} arrived within {span.TotalMilliseconds:F0} ms");
        }

        // The limit is per integration: the unlimited partner was not held back to 5/s.
        var fast = Sink.RequestsTo("/unlimited").Select(r => r.Timestamp).Order().ToList();
        Assert.Equal(16, fast.Count);
        Assert.True(Stopwatch.GetElapsedTime(fast[0], fast[^1]) < Stopwatch.GetElapsedTime(arrivals[0], arrivals[^1]));
    }

    [Fact]
    public async Task An_integration_never_has_more_requests_in_flight_than_its_max_concurrency()
    {
        Sink.Responder = async _ =>
        {
            await Task.Delay(150);
            return SinkResponse.Ok("{}");
        };
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/narrow"), new { maxConcurrency = 2 });
        var logIds = await RegisterManyAsync(10, "MC");
        foreach (var id in logIds)
        {
            await Hub.Client.WaitForStatusAsync(id, "Success", seconds: 30);
        }

        Assert.Equal(2, Sink.MaxInFlight);
    }
}
