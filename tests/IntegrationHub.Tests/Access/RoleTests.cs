using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Access;

public sealed class RoleTests : HubTest
{
    private long _lab;
    private string _failedLog = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("ROLES");
        Sink.Responder = _ => Task.FromResult(SinkResponse.WithStatus(422, """{"error":"unknown insurer plan"}"""));
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/insurer"), new { headers = new Dictionary<string, string> { ["X-Partner-Token"] = "tok-secret-777" }, secretHeaders = new[] { "X-Partner-Token" } });
        _failedLog = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-ROLE", "Meera", "Iyer")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(_failedLog, "Fail");
    }

    [Fact]
    public async Task A_viewer_sees_status_and_error_but_no_payload_body_or_header_and_cannot_retry()
    {
        using var viewer = await Hub.ClientForAsync("Viewer", "*");
        var answer = await viewer.GetAsync($"/api/logs/{_failedLog}");
        var text = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"status\":\"Fail\"", text, StringComparison.Ordinal);
        Assert.Contains("HttpStatus", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Meera", text, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown insurer plan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Partner-Token", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/logs/{_failedLog}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/logs/retry-bulk", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/labs/{_lab}/patients", new { mrn = "V", firstName = "A", lastName = "B" })).StatusCode);
        Assert.Equal(1, (await Hub.StoredLogAsync(_failedLog)).State.Attempts);
    }

    [Fact]
    public async Task An_operator_sees_the_payload_masked_and_may_retry_but_not_configure()
    {
        using var op = await Hub.ClientForAsync("Operator", "*");
        var text = await (await op.GetAsync($"/api/logs/{_failedLog}")).Content.ReadAsStringAsync();
        Assert.Contains("Meera", text, StringComparison.Ordinal);
        Assert.Contains("unknown insurer plan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-secret-777", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await op.PostAsync($"/api/logs/{_failedLog}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/integrations", new { labId = _lab, actionId = 57, name = "N", vendor = "V", url = Sink.Url("/n") })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/keys", new { name = "k", role = "Admin", labs = "*" })).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_records_payload_views_retries_and_configuration_changes_and_refuses_edits()
    {
        using var op = await Hub.ClientForAsync("Operator", "*");
        await op.GetAsync($"/api/logs/{_failedLog}");
        await op.GetAsync($"/api/logs/{_failedLog}");
        await op.PostAsync($"/api/logs/{_failedLog}/retry", null);
        await Hub.Client.CreateIntegrationAsync(_lab, 1, Sink.Url("/billing"));

        var audit = await (await Hub.Client.GetAsync("/api/audit")).ReadJsonAsync();
        var entries = audit.AsArray().Select(e => (Actor: e!["actor"]!.GetValue<string>(), Action: e["action"]!.GetValue<string>(), Target: e["target"]?.GetValue<string>())).ToList();
        Assert.Equal(2, entries.Count(e => e.Action == "log.payload-viewed" && e.Actor == "key:test-Operator-*" && e.Target == _failedLog));
        Assert.Single(entries, e => e.Action == "log.retried" && e.Actor == "key:test-Operator-*" && e.Target == _failedLog);
        Assert.Contains(entries, e => e.Action == "integration.created" && e.Actor == "key:bootstrap");
        Assert.All(audit.AsArray(), e => Assert.True(e!["at"] is not null));

        Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<Exception>(Hub.Faults.RewriteAuditEntriesAsync)).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<Exception>(Hub.Faults.DeleteAuditEntriesAsync)).Message, StringComparison.Ordinal);
    }
}
