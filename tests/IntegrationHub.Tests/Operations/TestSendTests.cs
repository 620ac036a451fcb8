using System.Net;
using IntegrationHub.Logging;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Operations;

public sealed class TestSendTests : HubTest
{
    private long _lab;
    private long _integration;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("TEST-SEND");
        _integration = await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/emr"), new
        {
            auth = new { kind = "ApiKey", headerName = "X-Partner-Key", apiKey = "partner-key-secret-42" },
        });
    }

    [Fact]
    public async Task A_preview_renders_the_live_entity_with_auth_masked_and_sends_nothing()
    {
        var (patient, logs) = await Hub.Client.RegisterPatientAsync(_lab, "TS-1", "Nila", "Varma");
        await Hub.Client.WaitForStatusAsync(logs.Single(), "Success");
        var sent = Sink.Requests.Count;

        var answer = await Hub.Client.PostAsync($"/api/integrations/{_integration}/test-send/preview?entityId={patient}", null);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Nila", text, StringComparison.Ordinal);
        Assert.Contains("\"X-Partner-Key\":\"********\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("partner-key-secret-42", text, StringComparison.Ordinal);
        Assert.Equal(sent, Sink.Requests.Count);
        Assert.Equal(1, await Hub.CountLogsAsync(new LogQuery { Direction = LogDirection.Outbound }));
    }

    [Fact]
    public async Task A_test_send_delivers_through_the_queue_as_a_manual_attempt_of_a_new_log()
    {
        var (patient, logs) = await Hub.Client.RegisterPatientAsync(_lab, "TS-2", "Omar", "Shaikh");
        await Hub.Client.WaitForStatusAsync(logs.Single(), "Success");

        var answer = await Hub.Client.PostAsync($"/api/integrations/{_integration}/test-send?entityId={patient}", null);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var logId = (await answer.ReadJsonAsync())["logId"]!.GetValue<string>();
        Assert.NotEqual(logs.Single(), logId);

        var log = await Hub.Client.WaitForStatusAsync(logId, "Success");
        var attempt = log["attempts"]![0]!;
        Assert.Equal("Manual", attempt["kind"]!.GetValue<string>());
        Assert.Equal("key:bootstrap", attempt["requestedBy"]!.GetValue<string>());
        Assert.Equal("test-send", log["log"]!["context"]!["source"]!.GetValue<string>());
        Assert.Equal("partner-key-secret-42", Sink.RequestsTo("/emr").Last().Header("X-Partner-Key"));
        Assert.Contains("Omar", Sink.RequestsTo("/emr").Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_entity_is_a_400_that_names_it_and_queues_nothing()
    {
        var answer = await Hub.Client.PostAsync($"/api/integrations/{_integration}/test-send?entityId=999", null);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains($"Patient 999 does not exist in lab {_lab}", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Hub.CountLogsAsync(new LogQuery { Direction = LogDirection.Outbound }));
        Assert.Equal(0, await Hub.CountQueuedTasksAsync());
    }
}
