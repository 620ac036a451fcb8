using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>A body that stops arriving ends at the idle-read timeout, long before a generous integration timeout.</summary>
public sealed class StalledBodyIdleTests : HubTest
{
    protected override Dictionary<string, string?>? Settings => new() { ["IntegrationHub:IdleReadTimeout"] = "00:00:01" };

    [Fact]
    public async Task A_silent_body_ends_at_the_idle_read_timeout_and_is_retried()
    {
        var lab = await Hub.Client.CreateLabAsync("IDLE");
        var calls = 0;
        Sink.Responder = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? SinkResponse.Stalled() : SinkResponse.Ok("{}"));
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/idle"), new { timeoutSeconds = 300, maxAttempts = 2 });
        var logId = (await Hub.Client.RegisterPatientAsync(lab, "ID-1")).LogIds.Single();

        var log = await Hub.Client.WaitForStatusAsync(logId, "Success", seconds: 120);
        Assert.Equal(2, log.Attempts());
        var first = log["attempts"]!.AsArray().First(a => a!["attempt"]!.GetValue<int>() == 1)!;
        Assert.Equal("Timeout", first["error"]!["class"]!.GetValue<string>());
        Assert.Contains("nothing arrived for 1 s", first["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
