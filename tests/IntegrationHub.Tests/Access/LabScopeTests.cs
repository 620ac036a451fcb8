using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Logging;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Access;

/// <summary>A user of lab A meets lab B's logs, integrations and entities exactly as if they did not exist.</summary>
public sealed class LabScopeTests : HubTest
{
    private long _labA;
    private long _labB;
    private long _integrationB;
    private string _logA = "";
    private string _logB = "";
    private long _patientB;
    private HttpClient _labAOperator = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _labA = await Hub.Client.CreateLabAsync("SCOPE-A");
        _labB = await Hub.Client.CreateLabAsync("SCOPE-B");
        await Hub.Client.CreateIntegrationAsync(_labA, 57, Sink.Url("/a"));
        _integrationB = await Hub.Client.CreateIntegrationAsync(_labB, 57, Sink.Url("/b"));
        _logA = (await Hub.Client.RegisterPatientAsync(_labA, "MRN-A")).LogIds.Single();
        (_patientB, var logsB) = await Hub.Client.RegisterPatientAsync(_labB, "MRN-B");
        _logB = logsB.Single();
        await Hub.Client.WaitForStatusAsync(_logB, "Success");
        _labAOperator = await Hub.ClientForAsync("Operator", _labA.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async Task DisposeAsync()
    {
        _labAOperator.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Lists_hold_only_the_users_labs()
    {
        var labs = await (await _labAOperator.GetAsync("/api/labs")).ReadJsonAsync();
        Assert.Equal([_labA], labs.AsArray().Select(l => l!["id"]!.GetValue<long>()));

        var logs = (await (await _labAOperator.GetAsync("/api/logs")).ReadJsonAsync())["items"]!.AsArray();
        Assert.Contains(logs, l => l!["id"]!.GetValue<string>() == _logA);
        Assert.All(logs, l => Assert.Equal(_labA, l!["labId"]!.GetValue<long>()));
        Assert.True(await Hub.CountLogsAsync(new LogQuery { LabId = _labB }) >= 1);

        var integrations = await (await _labAOperator.GetAsync("/api/integrations")).ReadJsonAsync();
        Assert.All(integrations.AsArray(), i => Assert.Equal(_labA, i!["labId"]!.GetValue<long>()));

        var stats = await (await _labAOperator.GetAsync("/api/stats")).ReadJsonAsync();
        Assert.Equal(await Hub.CountLogsAsync(new LogQuery { LabId = _labA }), stats["total"]!["success"]!.GetValue<long>() + stats["total"]!["queued"]!.GetValue<long>() + stats["total"]!["retrying"]!.GetValue<long>() + stats["total"]!["fail"]!.GetValue<long>());
    }

    [Fact]
    public async Task Another_labs_log_integration_patient_and_stats_answer_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _labAOperator.GetAsync($"/api/logs/{_logB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _labAOperator.PostAsync($"/api/logs/{_logB}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _labAOperator.GetAsync($"/api/integrations/{_integrationB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _labAOperator.GetAsync($"/api/labs/{_labB}/patients/{_patientB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _labAOperator.PostAsJsonAsync($"/api/labs/{_labB}/patients", new { mrn = "X1", firstName = "A", lastName = "B" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _labAOperator.GetAsync($"/api/stats?labId={_labB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _labAOperator.PostAsync($"/api/integrations/{_integrationB}/test-send/preview?entityId={_patientB}", null)).StatusCode);

        // The same ids exist for a user of every lab: the 404s above are scope, not absence.
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.GetAsync($"/api/logs/{_logB}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.GetAsync($"/api/labs/{_labB}/patients/{_patientB}")).StatusCode);
        Assert.Equal(2, await Hub.LabAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task Filtering_by_another_lab_finds_nothing()
    {
        var logs = await (await _labAOperator.GetAsync($"/api/logs?labId={_labB}")).ReadJsonAsync();
        Assert.Empty(logs["items"]!.AsArray());
        var byPatient = await (await _labAOperator.GetAsync($"/api/logs?patientId={_patientB}")).ReadJsonAsync();
        Assert.Empty(byPatient["items"]!.AsArray());
    }

    [Fact]
    public async Task A_lab_admin_cannot_create_or_move_an_integration_into_another_lab()
    {
        using var labAAdmin = await Hub.ClientForAsync("Admin", _labA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var create = await labAAdmin.PostAsJsonAsync("/api/integrations", new { labId = _labB, actionId = 57, name = "Sneaky", vendor = "X", url = Sink.Url("/x") });
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains($"Lab {_labB} does not exist", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mine = await labAAdmin.PostOkAsync("/api/integrations", new { labId = _labA, actionId = 57, name = "Mine", vendor = "X", url = Sink.Url("/m") });
        var move = await labAAdmin.PutAsJsonAsync($"/api/integrations/{mine["id"]}", new { labId = _labB, actionId = 57, name = "Mine", vendor = "X", url = Sink.Url("/m") });
        Assert.Equal(HttpStatusCode.BadRequest, move.StatusCode);
        Assert.Equal(0, (await Hub.StoredIntegrationsAsync(_labB)).Count(i => i.Name is "Sneaky" or "Mine"));
        Assert.Equal(HttpStatusCode.NotFound, (await labAAdmin.DeleteAsync($"/api/integrations/{_integrationB}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await labAAdmin.GetAsync("/api/users")).StatusCode);
    }
}
