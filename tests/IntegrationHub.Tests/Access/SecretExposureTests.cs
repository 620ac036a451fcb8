using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Access;

/// <summary>Ways a secret could leak out of the hub that a security review found, each closed.</summary>
public sealed class SecretExposureTests : HubTest
{
    private long _lab;

    // One test inspects the demo's sandbox partner, mapped only when enabled.
    protected override Dictionary<string, string?>? Settings => new() { ["IntegrationHub:Sandbox:Enabled"] = "true" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("LEAKS");
    }

    [Fact]
    public async Task An_inbound_log_never_holds_the_callers_api_key_or_session()
    {
        await Hub.Client.RegisterPatientAsync(_lab, "L-1");
        using var op = await Hub.ClientForAsync("Operator", "*");
        var inbound = (await (await op.GetAsync("/api/logs?direction=Inbound")).ReadJsonAsync())["items"]!.AsArray();
        Assert.NotEmpty(inbound);
        var detail = await (await op.GetAsync($"/api/logs/{inbound[0]!["id"]}")).Content.ReadAsStringAsync();
        Assert.Contains("\"X-Api-Key\":\"********\"", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(HubTestServer.AdminApiKey, detail, StringComparison.Ordinal);
        Assert.Equal(0, await Hub.CountLogsContainingAsync(HubTestServer.AdminApiKey) + await Hub.CountAttemptsContainingAsync(HubTestServer.AdminApiKey));
    }

    [Fact]
    public async Task A_refused_integration_form_never_shows_a_typed_secret_header_again()
    {
        using var session = new DashboardSession(Hub.BaseUrl);
        Assert.True(await session.SignInAsync("admin", HubTestServer.AdminPassword));

        var answer = await session.PostFormAsync("/integrations/new", "/integrations/new", new Dictionary<string, string>
        {
            ["Form.LabId"] = _lab.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.ActionId"] = "57",
            ["Form.Name"] = "Leaky partner",
            ["Form.Url"] = "not a url",
            ["Form.Headers"] = "X-Partner-Token: typed-header-secret-123\nX-Trace: visible-value",
            ["Form.SecretHeaders"] = "X-Partner-Token",
        });

        var page = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("url", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("typed-header-secret-123", page, StringComparison.Ordinal);
        Assert.Contains("X-Partner-Token: ********", page, StringComparison.Ordinal);
        Assert.Contains("X-Trace: visible-value", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_masked_secret_is_kept_only_for_the_same_partner_and_while_it_stays_secret()
    {
        var id = await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/p"), new
        {
            headers = new Dictionary<string, string> { ["X-Token"] = "HDR-SECRET-1" },
            secretHeaders = new[] { "X-Token" },
            auth = new { kind = "Bearer", token = "BEARER-SECRET-1" },
        });
        var unlisted = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", new
        {
            labId = _lab, actionId = 57, name = "P", vendor = "V", url = Sink.Url("/p"),
            headers = new Dictionary<string, string> { ["X-Token"] = "********" }, secretHeaders = Array.Empty<string>(),
            auth = new { kind = "Bearer", token = "********" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unlisted.StatusCode);
        Assert.Contains("headers.X-Token", await unlisted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var moved = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", new
        {
            labId = _lab, actionId = 57, name = "P", vendor = "V", url = "http://collector.example.net/steal",
            headers = new Dictionary<string, string> { ["X-Token"] = "********" }, secretHeaders = new[] { "X-Token" },
            auth = new { kind = "Bearer", token = "********" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("auth.token", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var samePartner = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", new
        {
            labId = _lab, actionId = 57, name = "P renamed", vendor = "V", url = Sink.Url("/p2"),
            headers = new Dictionary<string, string> { ["X-Token"] = "********" }, secretHeaders = new[] { "X-Token" },
            auth = new { kind = "Bearer", token = "********" },
        });
        Assert.Equal(HttpStatusCode.OK, samePartner.StatusCode);
        await Hub.Client.RegisterPatientAsync(_lab, "L-2");
        await HubApi.WaitUntilAsync(() => Sink.RequestsTo("/p2").Count == 1, what: "the delivery to the renamed path");
        Assert.Equal("Bearer BEARER-SECRET-1", Sink.RequestsTo("/p2")[0].Header("Authorization"));
        Assert.Equal("HDR-SECRET-1", Sink.RequestsTo("/p2")[0].Header("X-Token"));
        var shown = await (await Hub.Client.GetAsync($"/api/integrations/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET-1", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_is_inspected_by_admins_over_every_lab_only_and_masks_credentials()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Hub.BaseUrl + "/sandbox/leak", new { auth = new { kind = "Bearer", token = "SANDBOX-BEARER-9" } });
        var log = (await Hub.Client.RegisterPatientAsync(_lab, "L-3")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(log, "Success");

        using var op = await Hub.ClientForAsync("Operator", "*");
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/sandbox/leak/requests")).StatusCode);
        var seen = await (await Hub.Client.GetAsync("/sandbox/leak/requests")).Content.ReadAsStringAsync();
        Assert.Contains("Bearer ********", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("SANDBOX-BEARER-9", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_retry_naming_another_lab_answers_404()
    {
        var other = await Hub.Client.CreateLabAsync("LEAKS-OTHER");
        using var op = await Hub.ClientForAsync("Operator", _lab.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync($"/api/logs/retry-bulk/dry-run?labId={other}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync($"/api/logs/retry-bulk?labId={other}", null)).StatusCode);
        Assert.Equal(0, (await Hub.AuditEntriesAsync()).Count(e => e.Action == "log.bulk-retried"));
    }
}
