using IntegrationHub.Configuration;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Webhooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.Tests.Dashboard;

/// <summary>The dashboard in real headless Chromium, as support operators and viewers use it.</summary>
public sealed class DashboardBrowserTests(BrowserFixture browser) : HubTest, IClassFixture<BrowserFixture>
{
    private DashboardScenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _scenario = await DashboardScenario.SeedAsync(Hub, Sink);
    }

    private Task<IPage> SignInAsync(string userName, string password = DashboardScenario.Password) =>
        browser.SignedInPageAsync(Hub.BaseUrl, userName, password);

    [Fact]
    public async Task An_operator_filters_to_a_failed_log_by_patient_id_retries_it_and_sees_the_new_attempt()
    {
        var page = await SignInAsync(DashboardScenario.OperatorName);
        await page.GotoAsync("/logs");
        await page.FillAsync("#patientId", _scenario.FailingPatient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#status", "Fail");
        await page.ClickAsync("text=Apply filters");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"patientId={_scenario.FailingPatient}.*status=Fail|status=Fail.*patientId={_scenario.FailingPatient}"));
        await Expect(page.Locator("[data-testid=log-link]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=log-table]")).ToContainTextAsync($"P{_scenario.FailingPatient}");
        await BrowserFixture.ScreenshotAsync(page, "02-logs-filtered");

        await page.ClickAsync("[data-testid=log-link]");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Fail");
        await Expect(page.Locator("[data-testid=attempt]")).ToHaveCountAsync(1);

        await _scenario.FixFailingPatientAsync(Hub.Client);
        await page.ClickAsync("[data-testid=retry]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Retry queued as attempt #2");
        await HubApi.WaitUntilAsync(() => Sink.RequestsTo("/emr").Any(r => r.Body.Contains("\"Ravi\"", StringComparison.Ordinal)), what: "the corrected delivery");
        await Hub.Client.WaitForStatusAsync(_scenario.FailingLog, "Success");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=attempt]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Success");
        await Expect(page.Locator("[data-testid=attempt]").Nth(1)).ToContainTextAsync($"by {DashboardScenario.OperatorName}");
        await Expect(page.Locator("[data-testid=diff] .ins", new() { HasText = "\"firstName\": \"Ravi\"" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=diff] .del", new() { HasText = "\"firstName\": \"Ravii\"" })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "03-log-detail-after-retry");
    }

    [Fact]
    public async Task Bulk_retry_shows_a_dry_run_count_first_then_its_progress()
    {
        var page = await SignInAsync(DashboardScenario.OperatorName);
        await page.GotoAsync("/logs?status=Fail");
        await page.ClickAsync("[data-testid=bulk-retry-link]");
        await Expect(page.Locator("[data-testid=dry-run-count]")).ToHaveTextAsync("3");
        await BrowserFixture.ScreenshotAsync(page, "04-bulk-retry-dry-run");
        Assert.Equal(3, await Hub.CountLogsAsync(new LogQuery { Status = LogStatus.Fail }));

        await page.ClickAsync("[data-testid=start-bulk]");
        await Expect(page.Locator("[data-testid=bulk-matched]")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-testid=bulk-state]")).ToHaveTextAsync("Done", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "05-bulk-retry-done");
        Assert.Equal(3, (await Hub.AllAttemptsAsync()).Count(a => a.Kind == AttemptKind.Manual));
    }

    [Fact]
    public async Task A_lab_A_user_cannot_see_lab_B_anywhere()
    {
        var page = await SignInAsync(DashboardScenario.OperatorName);
        await page.GotoAsync("/logs");
        await Expect(page.Locator("[data-testid=log-table]")).Not.ToContainTextAsync("South Registry");
        await page.GotoAsync("/integrations");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("South");

        var logB = await page.GotoAsync($"/logs/{_scenario.LabBLog}");
        Assert.Equal(404, logB!.Status);
        var labBLogs = await page.GotoAsync($"/logs?labId={_scenario.LabB}");
        Assert.Equal(404, labBLogs!.Status);
        var timelineB = await page.GotoAsync($"/timeline?labId={_scenario.LabB}&kind=Patient&id=1");
        Assert.Equal(404, timelineB!.Status);
    }

    [Fact]
    public async Task A_viewer_sees_the_failure_but_neither_the_payload_nor_a_retry_button()
    {
        var page = await SignInAsync(DashboardScenario.ViewerName);
        await page.GotoAsync($"/logs/{_scenario.FailingLog}");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Fail");
        await Expect(page.Locator("main")).ToContainTextAsync("HttpStatus");
        await Expect(page.Locator("[data-testid=retry]")).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Ravii");
        await BrowserFixture.ScreenshotAsync(page, "06-log-detail-as-viewer");

        using var session = new DashboardSession(Hub.BaseUrl);
        Assert.True(await session.SignInAsync(DashboardScenario.ViewerName, DashboardScenario.Password));
        var forced = await session.PostFormAsync($"/logs/{_scenario.FailingLog}", $"/logs/{_scenario.FailingLog}?handler=Retry", []);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, forced.StatusCode);
        Assert.Contains("/denied", forced.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, (await Hub.StoredLogAsync(_scenario.FailingLog)).State.Attempts);
        var bulk = await page.GotoAsync("/logs/bulk-retry?status=Fail");
        Assert.Equal(403, bulk!.Status);

        await page.GotoAsync($"/timeline?labId={_scenario.LabA}&kind=Patient&id={_scenario.FailingPatient}");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Patient registered");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("N-1001");
    }

    [Fact]
    public async Task The_main_pages_render_for_an_admin_and_are_saved_as_screenshots()
    {
        var page = await SignInAsync("admin", HubTestServer.AdminPassword);
        await page.GotoAsync("/?w=24h");
        await Expect(page.Locator("[data-testid=failed]")).ToHaveTextAsync("3");
        await Expect(page.Locator(".chart svg rect").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=signatures]")).ToContainTextAsync("HTTP 400");
        await BrowserFixture.ScreenshotAsync(page, "01-overview");

        await page.ClickAsync("[data-testid=signatures] a");
        await Expect(page.Locator("[data-testid=log-link]")).ToHaveCountAsync(3);

        await page.GotoAsync("/integrations");
        await Expect(page.Locator("[data-testid=integrations]").First).ToContainTextAsync("City Hospital EMR");
        await BrowserFixture.ScreenshotAsync(page, "07-integrations");

        await page.GotoAsync($"/integrations/{_scenario.EmrIntegration}/test?entityId={_scenario.HealthyPatient}");
        await Expect(page.Locator("[data-testid=preview-result]")).ToContainTextAsync("Asha");
        await BrowserFixture.ScreenshotAsync(page, "08-test-send-preview");
        await page.ClickAsync("[data-testid=send]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Test delivery queued");

        await page.GotoAsync($"/integrations/{_scenario.EmrIntegration}/edit");
        await BrowserFixture.ScreenshotAsync(page, "09-integration-edit");

        await page.GotoAsync($"/timeline?labId={_scenario.LabA}&kind=Patient&id={_scenario.HealthyPatient}");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Patient registered");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Bill generated");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Star Health claims");
        await BrowserFixture.ScreenshotAsync(page, "10-entity-timeline");

        await page.GotoAsync("/admin/audit");
        await Expect(page.Locator("[data-testid=audit]")).ToContainTextAsync("integration.test-sent");
        await BrowserFixture.ScreenshotAsync(page, "11-audit");

        await page.GotoAsync("/admin/access");
        await BrowserFixture.ScreenshotAsync(page, "12-users-and-keys");

        await page.GotoAsync("/logs");
        await BrowserFixture.ScreenshotAsync(page, "13-logs");
    }

    [Fact]
    public async Task An_admin_saves_an_integration_whose_secret_is_never_shown_again()
    {
        var page = await SignInAsync("admin", HubTestServer.AdminPassword);
        await page.GotoAsync("/integrations/new");
        await page.SelectOptionAsync("#Form_LabId", _scenario.LabA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#Form_Name", "Registry upload");
        await page.FillAsync("#Form_Vendor", "State registry");
        await page.FillAsync("#Form_Url", "not a url");
        await page.EvaluateAsync("() => document.querySelector('#Form_Url').type = 'text'");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator("[data-testid=problems]")).ToContainTextAsync("url");

        await page.FillAsync("#Form_Url", Sink.Url("/registry"));
        await page.SelectOptionAsync("#Form_AuthKind", "2");
        await page.FillAsync("#Form_Token", "registry-bearer-s3cret");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Saved 'Registry upload'");

        var id = (await Hub.StoredIntegrationsAsync()).First(i => i.Name == "Registry upload").Id;
        await page.GotoAsync($"/integrations/{id}/edit");
        Assert.DoesNotContain("registry-bearer-s3cret", await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(page.Locator("#Form_Token")).ToHaveAttributeAsync("placeholder", "saved · leave empty to keep");
        await page.ClickAsync("[data-testid=save]");
        await Hub.Client.RegisterPatientAsync(_scenario.LabA, "N-9001", "Lata", "Menon");
        await HubApi.WaitUntilAsync(() => Sink.RequestsTo("/registry").Count == 1, what: "the registry delivery");
        Assert.Equal("Bearer registry-bearer-s3cret", Sink.RequestsTo("/registry")[0].Header("Authorization"));
    }

    [Fact]
    public async Task An_admin_sees_the_generated_signing_secret_once_then_rotates_it_without_ever_seeing_it_again()
    {
        var page = await SignInAsync("admin", HubTestServer.AdminPassword);
        await page.GotoAsync("/integrations/new");
        await page.SelectOptionAsync("#Form_LabId", _scenario.LabA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#Form_Name", "Signed registry");
        await page.FillAsync("#Form_Url", Sink.Url("/signed-ui"));
        await page.FillAsync("#Form_InboundApiKey", "inbound-key-from-the-form");
        await page.ClickAsync("[data-testid=save]");

        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Saved 'Signed registry'");
        await Expect(page.Locator("body")).ToContainTextAsync("shown this once");
        var generated = (await page.Locator("[data-testid=generated-secret]").InnerTextAsync()).Trim();
        Assert.True(WebhookSignature.TryReadKey(generated, out _), $"'{generated}' is not a signing secret");
        await BrowserFixture.ScreenshotAsync(page, "14-integration-generated-secret");
        var id = (await Hub.StoredIntegrationsAsync()).First(i => i.Name == "Signed registry").Id;
        var store = Hub.Services.GetRequiredService<IIntegrationConfigStore>();
        async Task<WebhookSettings> StoredAsync() => (await store.GetAsync(id, CancellationToken.None))!.Webhooks;
        Assert.Equal("inbound-key-from-the-form", (await StoredAsync()).InboundApiKey);

        await page.GotoAsync($"/integrations/{id}/edit");
        Assert.DoesNotContain(generated[6..], await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(page.Locator("#Form_SigningSecrets")).ToHaveValueAsync("******** (saved 1)");
        await page.FillAsync("#Form_SigningSecrets", "******** (saved 1)\nwhsec_not-a-secret-value");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator("[data-testid=problems]")).ToContainTextAsync("webhooks.signingSecrets[1]");
        Assert.DoesNotContain("not-a-secret-value", await page.ContentAsync(), StringComparison.Ordinal);

        var next = WebhookSignature.NewSecret();
        await page.FillAsync("#Form_SigningSecrets", "******** (saved 1)\n" + next);
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Saved 'Signed registry'");
        Assert.Equal([generated, next], (await StoredAsync()).SigningSecrets);

        // Retiring the old secret: its line goes, the new one's line keeps the new one wherever it now stands.
        await page.GotoAsync($"/integrations/{id}/edit");
        await Expect(page.Locator("#Form_SigningSecrets")).ToHaveValueAsync("******** (saved 1)\n******** (saved 2)");
        await page.FillAsync("#Form_SigningSecrets", "******** (saved 2)");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Saved 'Signed registry'");
        Assert.Equal([next], (await StoredAsync()).SigningSecrets);
        Assert.Equal("inbound-key-from-the-form", (await StoredAsync()).InboundApiKey);

        await Hub.Client.RegisterPatientAsync(_scenario.LabA, "N-9002", "Lata", "Menon");
        await HubApi.WaitUntilAsync(() => Sink.RequestsTo("/signed-ui").Count == 1, what: "the signed delivery");
        PartnerVerifier.Verify(next, Sink.RequestsTo("/signed-ui")[0]);
        Assert.False(PartnerVerifier.Accepts(generated, Sink.RequestsTo("/signed-ui")[0]));
    }
}
