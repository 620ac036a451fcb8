using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>A token endpoint is a partner too: its answer is read within a bound of size and time, never whole.</summary>
public sealed class HostileTokenEndpointTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("TOKEN");
    }

    private async Task<System.Text.Json.Nodes.JsonNode> DeliverAsync(string mrn)
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/in"), new
        {
            maxAttempts = 1,
            timeoutSeconds = 3,
            auth = new { kind = "LoginEndpoint", tokenUrl = Sink.Url("/token"), loginBody = """{"user":"lab"}""" },
        });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, mrn)).LogIds.Single();
        return (await Hub.Client.WaitForStatusAsync(logId, "Fail", seconds: 60))["log"]!["state"]!["lastAttempt"]!["error"]!;
    }

    [Fact]
    public async Task A_huge_token_answer_fails_the_attempt_without_being_read_whole()
    {
        var huge = "{\"token\":\"" + new string('t', 4 * 1024 * 1024) + "\"}";
        Sink.Responder = r => Task.FromResult(r.Path == "/token" ? SinkResponse.Ok(huge) : SinkResponse.Ok("{}"));

        var error = await DeliverAsync("TK-HUGE");

        Assert.Equal("Auth", error["class"]!.GetValue<string>());
        Assert.Contains("larger than 65536 bytes", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Sink.RequestsTo("/in"));
    }

    [Fact]
    public async Task A_token_endpoint_that_stalls_mid_answer_fails_the_attempt_within_the_timeout()
    {
        Sink.Responder = r => Task.FromResult(r.Path == "/token" ? SinkResponse.Stalled() : SinkResponse.Ok("{}"));

        var error = await DeliverAsync("TK-STALL");

        Assert.Equal("Auth", error["class"]!.GetValue<string>());
        Assert.Contains("within the 3 s timeout", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Sink.RequestsTo("/in"));
        await HubApi.WaitUntilAsync(() => Sink.Stalled == 0, seconds: 30, what: "the stalled token answer to be let go");
    }
}
