using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>
/// A partner that sends its headers and then never finishes its body cannot hold workers: the whole
/// exchange ends within the integration's timeout, a silent body within the idle-read timeout, and
/// one lab's stalled partners leave workers for every other lab.
/// </summary>
public sealed class StalledPartnerTests : HubTest
{
    private long _lab;

    protected override Dictionary<string, string?>? Settings => new()
    {
        ["IntegrationHub:WorkerCount"] = "4",
        ["IntegrationHub:IdleReadTimeout"] = "00:05:00",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("STALL");
        Sink.Responder = r => Task.FromResult(r.Path.StartsWith("/stall", StringComparison.Ordinal) ? SinkResponse.Stalled() : SinkResponse.Ok("{}"));
    }

    private static JsonNode Error(JsonNode log) => log["log"]!["state"]!["lastAttempt"]!["error"]!;

    [Fact]
    public async Task An_answer_whose_body_never_completes_ends_as_a_timeout_within_the_integrations_timeout()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/stall-body"), new { timeoutSeconds = 2, maxAttempts = 1 });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "SB-1")).LogIds.Single();

        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail", seconds: 60);
        Assert.Equal("Timeout", Error(log)["class"]!.GetValue<string>());
        Assert.Contains("did not complete within the 2 s timeout", Error(log)["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // The request had been sent: it is recorded, and the hub let go of the connection.
        Assert.NotNull(log["log"]!["state"]!["lastAttempt"]!["request"]);
        await HubApi.WaitUntilAsync(() => Sink.Stalled == 0, seconds: 30, what: "the stalled connection to be closed");
    }

    [Fact]
    public async Task One_labs_stalled_partners_never_take_every_worker_from_another_lab()
    {
        // 4 workers, so one lab may hold 3; lab A's two integrations would take 8 if they could.
        var timeout = new { timeoutSeconds = 300, maxConcurrency = 4, maxAttempts = 1 };
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/stall-a1"), timeout);
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/stall-a2"), timeout);
        for (var i = 0; i < 4; i++)
        {
            await Hub.Client.RegisterPatientAsync(_lab, $"SA-{i}");
        }

        await HubApi.WaitUntilAsync(() => Sink.Stalled == 3, seconds: 60, what: "lab A to hold its share of the workers");
        var labB = await Hub.Client.CreateLabAsync("FLOWS");
        await Hub.Client.CreateIntegrationAsync(labB, 57, Sink.Url("/ok-b"));
        var delivered = (await Hub.Client.RegisterPatientAsync(labB, "SB-1")).LogIds.Single();

        await Hub.Client.WaitForStatusAsync(delivered, "Success", seconds: 60);
        Assert.Equal(3, Sink.Stalled);
        Assert.Single(Sink.RequestsTo("/ok-b"));
    }
}
