using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class ManualRetryTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("MANUAL");
    }

    /// <summary>A partner that rejects names it considers misspelt.</summary>
    private void RejectName(string name) =>
        Sink.Responder = r => Task.FromResult(r.Body.Contains(name, StringComparison.Ordinal)
            ? SinkResponse.WithStatus(400, """{"error":"name does not match insurer records"}""")
            : SinkResponse.Ok("""{"id":"ACK-1"}"""));

    [Fact]
    public async Task Retry_rebuilds_the_payload_from_the_corrected_patient()
    {
        RejectName("Ashaa");
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/insurer"));
        var (patientId, logIds) = await Hub.Client.RegisterPatientAsync(_lab, "MRN-R1", "Ashaa", "Rao");
        var logId = logIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Fail");

        var fix = await Hub.Client.PutAsJsonAsync($"/api/labs/{_lab}/patients/{patientId}", new { mrn = "MRN-R1", firstName = "Asha", lastName = "Rao" });
        Assert.Equal(HttpStatusCode.OK, fix.StatusCode);
        var retry = await Hub.Client.PostAsync($"/api/logs/{logId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);

        var log = await Hub.Client.WaitForStatusAsync(logId, "Success");
        var attempts = log["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(["Fail", "Success"], attempts.Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.Equal(["Automatic", "Manual"], attempts.Select(a => a!["kind"]!.GetValue<string>()));
        Assert.Contains("\"firstName\":\"Ashaa\"", attempts[0]!["request"]!["body"]!["text"]!.GetValue<string>());
        Assert.Contains("\"firstName\":\"Asha\"", attempts[1]!["request"]!["body"]!["text"]!.GetValue<string>());
        var delivered = JsonNode.Parse(Sink.RequestsTo("/insurer").Last().Body)!;
        Assert.Equal("Asha", delivered["patient"]!["firstName"]!.GetValue<string>());
        Assert.Equal("retry", delivered["event"]!["source"]!.GetValue<string>());
        Assert.Equal(logId, delivered["event"]!["deliveryId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_retry_sends_the_events_own_time_byte_for_byte_so_the_diff_shows_only_what_changed()
    {
        RejectName("Ashaa");
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/timed"));
        var (patientId, logIds) = await Hub.Client.RegisterPatientAsync(_lab, "MRN-R3", "Ashaa", "Rao");
        var logId = logIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Fail");
        await Hub.Client.PutAsJsonAsync($"/api/labs/{_lab}/patients/{patientId}", new { mrn = "MRN-R3", firstName = "Asha", lastName = "Rao" });

        Assert.Equal(HttpStatusCode.Accepted, (await Hub.Client.PostAsync($"/api/logs/{logId}/retry", null)).StatusCode);
        var log = await Hub.Client.WaitForStatusAsync(logId, "Success");

        var sent = Sink.RequestsTo("/timed").Select(r => JsonNode.Parse(r.Body)!["event"]!["occurredAt"]!.ToJsonString()).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0], sent[1]);

        // The event's time is the log's creation time, to the millisecond every store keeps.
        var created = DateTimeOffset.Parse(log["log"]!["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(created, DateTimeOffset.Parse(JsonNode.Parse(sent[0])!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, created.UtcTicks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public async Task Retrying_a_log_whose_patient_was_deleted_answers_409_with_the_reason()
    {
        RejectName("Ghost");
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/gone"));
        var (patientId, logIds) = await Hub.Client.RegisterPatientAsync(_lab, "MRN-R2", "Ghost", "Patient");
        await Hub.Client.WaitForStatusAsync(logIds[0], "Fail");
        Assert.Equal(HttpStatusCode.NoContent, (await Hub.Client.DeleteAsync($"/api/labs/{_lab}/patients/{patientId}")).StatusCode);

        var retry = await Hub.Client.PostAsync($"/api/logs/{logIds[0]}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains($"Patient {patientId} no longer exists", (await retry.ReadJsonAsync())["detail"]!.GetValue<string>());
        var log = await Hub.Client.GetLogAsync(logIds[0]);
        Assert.Equal("Fail", log.Status());
        Assert.Single(log["attempts"]!.AsArray());
    }

    [Fact]
    public async Task Two_concurrent_retries_of_one_log_produce_one_new_attempt()
    {
        RejectName("Twice");
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/twice"));
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-R3", "Twice", "Sent")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Fail");

        // The partner holds the retried send until both answers are in: the two retries overlap
        // the way a double click does, however fast this machine delivers the first one.
        var answered = new TaskCompletionSource();
        Sink.Responder = async _ =>
        {
            await answered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return SinkResponse.WithStatus(400, """{"error":"name does not match insurer records"}""");
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Hub.Client.PostAsync($"/api/logs/{logId}/retry", null)));
        answered.SetResult();
        var codes = answers.Select(a => a.StatusCode).Order().ToArray();
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], codes);

        var log = await Hub.Client.WaitForLogAsync(logId, l => l.Attempts() == 2 && l.Status() == "Fail");
        await Task.Delay(300);
        Assert.Equal(2, (await Hub.Client.GetLogAsync(logId))["attempts"]!.AsArray().Count);
        Assert.Equal(2, Sink.RequestsTo("/twice").Count);
        Assert.Equal(2, log.Attempts());
    }

    [Fact]
    public async Task Retrying_an_unknown_log_is_404_and_a_queued_one_is_409()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Hub.Client.PostAsync("/api/logs/nope/retry", null)).StatusCode);

        var gate = new TaskCompletionSource();
        Sink.Responder = async _ =>
        {
            await gate.Task;
            return SinkResponse.Ok("{}");
        };
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/busy"));
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-R4")).LogIds.Single();
        var busy = await Hub.Client.PostAsync($"/api/logs/{logId}/retry", null);
        gate.SetResult();
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        await Hub.Client.WaitForStatusAsync(logId, "Success");
    }
}
