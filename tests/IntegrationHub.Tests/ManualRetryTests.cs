using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class ManualRetryTests : IAsyncLifetime
{
    private HubTestServer _hub = null!;
    private TestSink _sink = null!;
    private long _lab;

    public async Task InitializeAsync()
    {
        _hub = await HubTestServer.StartAsync();
        _sink = await TestSink.StartAsync();
        _lab = await _hub.Client.CreateLabAsync("MANUAL");
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _sink.DisposeAsync();
    }

    /// <summary>A partner that rejects names it considers misspelt.</summary>
    private void RejectName(string name) =>
        _sink.Responder = r => Task.FromResult(r.Body.Contains(name, StringComparison.Ordinal)
            ? SinkResponse.WithStatus(400, """{"error":"name does not match insurer records"}""")
            : SinkResponse.Ok("""{"id":"ACK-1"}"""));

    [Fact]
    public async Task Retry_rebuilds_the_payload_from_the_corrected_patient()
    {
        RejectName("Ashaa");
        await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/insurer"));
        var (patientId, logIds) = await _hub.Client.RegisterPatientAsync(_lab, "MRN-R1", "Ashaa", "Rao");
        var logId = logIds.Single();
        await _hub.Client.WaitForStatusAsync(logId, "Fail");

        var fix = await _hub.Client.PutAsJsonAsync($"/api/labs/{_lab}/patients/{patientId}", new { mrn = "MRN-R1", firstName = "Asha", lastName = "Rao" });
        Assert.Equal(HttpStatusCode.OK, fix.StatusCode);
        var retry = await _hub.Client.PostAsync($"/api/logs/{logId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);

        var log = await _hub.Client.WaitForStatusAsync(logId, "Success");
        var attempts = log["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(["Fail", "Success"], attempts.Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.Equal(["Automatic", "Manual"], attempts.Select(a => a!["kind"]!.GetValue<string>()));
        Assert.Contains("\"firstName\":\"Ashaa\"", attempts[0]!["request"]!["body"]!["text"]!.GetValue<string>());
        Assert.Contains("\"firstName\":\"Asha\"", attempts[1]!["request"]!["body"]!["text"]!.GetValue<string>());
        var delivered = JsonNode.Parse(_sink.RequestsTo("/insurer").Last().Body)!;
        Assert.Equal("Asha", delivered["patient"]!["firstName"]!.GetValue<string>());
        Assert.Equal("retry", delivered["event"]!["source"]!.GetValue<string>());
        Assert.Equal(logId, delivered["event"]!["deliveryId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retrying_a_log_whose_patient_was_deleted_answers_409_with_the_reason()
    {
        RejectName("Ghost");
        await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/gone"));
        var (patientId, logIds) = await _hub.Client.RegisterPatientAsync(_lab, "MRN-R2", "Ghost", "Patient");
        await _hub.Client.WaitForStatusAsync(logIds[0], "Fail");
        Assert.Equal(HttpStatusCode.NoContent, (await _hub.Client.DeleteAsync($"/api/labs/{_lab}/patients/{patientId}")).StatusCode);

        var retry = await _hub.Client.PostAsync($"/api/logs/{logIds[0]}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains($"Patient {patientId} no longer exists", (await retry.ReadJsonAsync())["detail"]!.GetValue<string>());
        var log = await _hub.Client.GetLogAsync(logIds[0]);
        Assert.Equal("Fail", log.Status());
        Assert.Single(log["attempts"]!.AsArray());
    }

    [Fact]
    public async Task Two_concurrent_retries_of_one_log_produce_one_new_attempt()
    {
        RejectName("Twice");
        await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/twice"));
        var logId = (await _hub.Client.RegisterPatientAsync(_lab, "MRN-R3", "Twice", "Sent")).LogIds.Single();
        await _hub.Client.WaitForStatusAsync(logId, "Fail");

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _hub.Client.PostAsync($"/api/logs/{logId}/retry", null)));
        var codes = answers.Select(a => a.StatusCode).Order().ToArray();
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], codes);

        var log = await _hub.Client.WaitForLogAsync(logId, l => l.Attempts() == 2 && l.Status() == "Fail");
        await Task.Delay(300);
        Assert.Equal(2, (await _hub.Client.GetLogAsync(logId))["attempts"]!.AsArray().Count);
        Assert.Equal(2, _sink.RequestsTo("/twice").Count);
        Assert.Equal(2, log.Attempts());
    }

    [Fact]
    public async Task Retrying_an_unknown_log_is_404_and_a_queued_one_is_409()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Client.PostAsync("/api/logs/nope/retry", null)).StatusCode);

        var gate = new TaskCompletionSource();
        _sink.Responder = async _ =>
        {
            await gate.Task;
            return SinkResponse.Ok("{}");
        };
        await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/busy"));
        var logId = (await _hub.Client.RegisterPatientAsync(_lab, "MRN-R4")).LogIds.Single();
        var busy = await _hub.Client.PostAsync($"/api/logs/{logId}/retry", null);
        gate.SetResult();
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        await _hub.Client.WaitForStatusAsync(logId, "Success");
    }
}
