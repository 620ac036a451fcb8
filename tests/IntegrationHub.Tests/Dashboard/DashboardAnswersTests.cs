using System.Globalization;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.Tests.Dashboard;

/// <summary>
/// The dashboard never gives a wrong answer: a filter it cannot apply is an error, the chart counts
/// what the cards count, a finished job says what it ran, the timeline keeps the order things
/// happened in, and an inbound call says who called and what it queued. Real headless Chromium.
/// </summary>
public sealed class DashboardAnswersTests(BrowserFixture browser) : HubTest, IClassFixture<BrowserFixture>
{
    private DashboardScenario _scenario = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _scenario = await DashboardScenario.SeedAsync(Hub, Sink);
    }

    private Task<IPage> SignInAsync(string userName = DashboardScenario.OperatorName) =>
        browser.SignedInPageAsync(Hub.BaseUrl, userName, DashboardScenario.Password);

    [Fact]
    public async Task An_mrn_typed_as_a_patient_id_is_an_error_on_the_page_that_keeps_what_was_typed_never_every_log()
    {
        var page = await SignInAsync();
        await page.GotoAsync("/logs");
        await page.FillAsync("#patientId", "N-1001");
        var navigation = page.WaitForResponseAsync(r => r.Request.IsNavigationRequest && r.Url.Contains("patientId=N-1001", StringComparison.Ordinal));
        await page.ClickAsync("text=Apply filters");

        Assert.Equal(400, (await navigation).Status);
        await Expect(page.Locator("[data-testid=unread-fields]")).ToContainTextAsync("Patient id must be the patient's number in the hub");
        await Expect(page.Locator("#patientId")).ToHaveValueAsync("N-1001");
        await Expect(page.Locator("[data-testid=log-link]")).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).ToContainTextAsync("No filter was applied");
        await BrowserFixture.ScreenshotAsync(page, "20-logs-unreadable-filter");

        // A time that is not one, and the timeline with an id that is not a number or with none.
        await page.GotoAsync("/logs?from=yesterday");
        await Expect(page.Locator("[data-testid=unread-fields]")).ToContainTextAsync("From must be a date and time in UTC");
        await Expect(page.Locator("#from")).ToHaveValueAsync("yesterday");
        await page.GotoAsync($"/timeline?labId={_scenario.LabA}&kind=Patient&id=N-1001");
        await Expect(page.Locator("[data-testid=unread-fields]")).ToContainTextAsync("Id must be the entity's number in the hub");
        await Expect(page.Locator("#id")).ToHaveValueAsync("N-1001");
        await Expect(page.Locator("[data-testid=timeline]")).ToHaveCountAsync(0);
        await page.GotoAsync($"/timeline?labId={_scenario.LabA}&kind=Patient&id=");
        await Expect(page.Locator("[data-testid=unread-fields]")).ToContainTextAsync("Id is required");
    }

    [Fact]
    public async Task An_operator_finds_a_patients_deliveries_by_mrn_and_the_timeline_by_name()
    {
        var page = await SignInAsync();
        await page.GotoAsync("/logs");
        await page.FillAsync("#q", "N-1001");
        await page.ClickAsync("text=Apply filters");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=N-1001"));
        await Expect(page.Locator("[data-testid=search-found]")).ToContainTextAsync("Ravii Kumar (MRN N-1001)");
        await Expect(page.Locator("[data-testid=log-table] tbody tr", new() { HasText = "Outbound" })).ToHaveCountAsync(0);
        var rows = page.Locator("[data-testid=log-table] tbody tr");
        await Expect(rows.Filter(new() { HasText = "City Hospital EMR" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=log-link]").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/logs/"));
        await BrowserFixture.ScreenshotAsync(page, "27-logs-search-by-mrn");

        // Lab B's patient is not found from lab A, and a name finds the timeline directly.
        await page.GotoAsync("/logs?q=S-1");
        await Expect(page.Locator("[data-testid=search-found]")).ToContainTextAsync("names no patient");
        await Expect(page.Locator("[data-testid=log-link]")).ToHaveCountAsync(0);
        await page.GotoAsync("/timeline");
        await page.FillAsync("#q", "asha rao");
        await page.ClickAsync("[data-testid=timeline-search] button");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"kind=Patient&id={_scenario.HealthyPatient}$"));
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Patient registered");
        await page.GotoAsync("/timeline?q=nobody%20here");
        await Expect(page.Locator("[data-testid=search-nothing]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_to_time_from_the_minute_picker_takes_in_that_whole_minute()
    {
        var page = await SignInAsync();
        var minute = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var before = DateTimeOffset.UtcNow.AddMinutes(-30).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await page.GotoAsync($"/logs?from={Uri.EscapeDataString(before)}&to={Uri.EscapeDataString(minute)}");
        await Expect(page.Locator("[data-testid=unread-fields]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#to")).ToHaveValueAsync(minute);

        // Every log of the scenario was created in the last half hour, up to this minute.
        await page.GotoAsync("/logs");
        var everything = await page.Locator("[data-testid=log-link]").CountAsync();
        Assert.True(everything > 0);
        await page.GotoAsync($"/logs?from={Uri.EscapeDataString(before)}&to={Uri.EscapeDataString(minute)}");
        await Expect(page.Locator("[data-testid=log-link]")).ToHaveCountAsync(everything);
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("24h")]
    public async Task The_chart_counts_deliveries_as_the_cards_do_with_inbound_calls_apart(string window)
    {
        var page = await SignInAsync();
        await page.GotoAsync($"/?w={window}");

        var bars = page.Locator(".chart svg g[data-total]");
        var totals = await bars.EvaluateAllAsync<long[]>("gs => [gs.reduce((n, g) => n + +g.dataset.total, 0), gs.reduce((n, g) => n + +g.dataset.success, 0), gs.reduce((n, g) => n + +g.dataset.fail, 0), gs.reduce((n, g) => n + +g.dataset.inbound, 0)]");
        var cardTotal = long.Parse(await page.Locator("[data-testid=total]").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var cardFailed = long.Parse(await page.Locator("[data-testid=failed]").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        // The operator's lab A: four registrations to the EMR (three refused) and one bill to the insurer; and the five calls that raised them.
        Assert.Equal(5, cardTotal);
        Assert.Equal(3, cardFailed);
        Assert.Equal([5L, 2L, 3L], totals[..3]);
        Assert.True(totals[3] >= 5, $"inbound calls counted apart: {totals[3]}");
        await Expect(page.Locator(".chart svg polyline.inbound")).ToHaveCountAsync(1);

        // The axis fits the tallest bar or line: its top label is less than twice the largest count.
        var largest = await bars.EvaluateAllAsync<long>("gs => Math.max(...gs.map(g => Math.max(+g.dataset.total, +g.dataset.inbound)))");
        var top = await page.Locator(".chart svg > text").EvaluateAllAsync<long>("ts => Math.max(...ts.map(t => +t.textContent).filter(n => !isNaN(n)))");
        Assert.InRange(top, largest, Math.Max(4, 2 * largest));
        await BrowserFixture.ScreenshotAsync(page, $"21-overview-chart-{window}");
    }

    [Fact]
    public async Task A_finished_bulk_retry_says_which_filter_it_ran_links_back_to_it_and_shows_nothing_pending()
    {
        var page = await SignInAsync();
        await page.GotoAsync($"/logs?integrationId={_scenario.EmrIntegration}&status=Fail");
        await page.ClickAsync("[data-testid=bulk-retry-link]");
        await Expect(page.Locator("[data-testid=dry-run-count]")).ToHaveTextAsync("3");
        await page.ClickAsync("[data-testid=start-bulk]");
        await Expect(page.Locator("[data-testid=bulk-state]")).ToHaveTextAsync("Done", new() { Timeout = 60_000 });

        await Expect(page.Locator("[data-testid=bulk-filter]")).ToContainTextAsync($"integrationId {_scenario.EmrIntegration}");
        await Expect(page.Locator("[data-testid=bulk-pending]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=bulk-retried]")).ToHaveTextAsync("3");
        var back = await page.Locator("[data-testid=bulk-failed-link]").GetAttributeAsync("href");
        Assert.Equal($"/logs?integrationId={_scenario.EmrIntegration}&status=Fail", back);
        await BrowserFixture.ScreenshotAsync(page, "22-bulk-retry-done-with-filter");

        // Still failing (the name is still misspelt): the link lands on exactly those logs.
        await page.ClickAsync("[data-testid=bulk-failed-link]");
        await Expect(page.Locator("[data-testid=log-link]")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task The_timeline_says_why_a_report_was_not_delivered_and_keeps_the_later_success_after_it()
    {
        var reports = await Hub.Client.CreateIntegrationAsync(_scenario.LabA, 15, Sink.Url("/reports"), new { name = "City Hospital reports", vendor = "Epic", maxAttempts = 1 });
        var scenarioResponder = Sink.Responder;
        var refused = 0;
        Sink.Responder = r => r.Path == "/reports" && Interlocked.Increment(ref refused) == 1
            ? Task.FromResult(SinkResponse.WithStatus(503, """{"error":"Service Unavailable"}"""))
            : scenarioResponder(r);
        var report = await Hub.Client.PostOkAsync($"/api/labs/{_scenario.LabA}/reports", new { patientId = _scenario.HealthyPatient, title = "Lipid profile", findings = "LDL 96 mg/dL." });
        var reportId = report["id"]!.GetValue<long>();
        var signed = await Hub.Client.PostOkAsync($"/api/labs/{_scenario.LabA}/reports/{reportId}/sign", new { signedBy = "Dr. Kapoor" });
        var logId = signed["deliveryLogIds"]![0]!.GetValue<string>();
        await Hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await Hub.Client.PostAsync($"/api/logs/{logId}/retry", null)).StatusCode);
        await Hub.Client.WaitForStatusAsync(logId, "Success");

        var page = await SignInAsync();
        var lines = page.Locator("[data-testid=timeline] > li");
        IReadOnlyList<string> texts = [];
        await HubApi.WaitUntilAsync(async () =>
        {
            await page.GotoAsync($"/timeline?labId={_scenario.LabA}&kind=Report&id={reportId}");
            texts = await lines.AllInnerTextsAsync();
            return texts.Any(t => t.Contains("Report received by City Hospital reports", StringComparison.Ordinal));
        }, what: "the lab's record of the report's receipt");
        var notDelivered = texts.ToList().FindIndex(t => t.Contains("NOT DELIVERED", StringComparison.Ordinal));
        var delivered = texts.ToList().FindIndex(t => t.Contains("Report received by City Hospital reports", StringComparison.Ordinal));
        var logLine = texts.ToList().FindIndex(t => t.Contains("SUCCESS", StringComparison.OrdinalIgnoreCase) && t.Contains("→ City Hospital reports", StringComparison.Ordinal));
        Assert.True(notDelivered >= 0 && delivered > notDelivered && logLine > notDelivered, string.Join(" | ", texts));
        Assert.Equal("Fail", await lines.Nth(notDelivered).GetAttributeAsync("class"));
        Assert.Equal("Success", await lines.Nth(delivered).GetAttributeAsync("class"));
        await Expect(lines.Nth(notDelivered).Locator("[data-testid=timeline-reason]")).ToContainTextAsync("HTTP 503");
        await BrowserFixture.ScreenshotAsync(page, "23-timeline-report-not-delivered-then-delivered");
        Assert.True(reports > 0);
    }

    [Fact]
    public async Task An_inbound_call_shows_its_route_and_caller_and_links_to_the_delivery_it_queued_which_links_back()
    {
        var (_, logIds) = await Hub.Client.RegisterPatientAsync(_scenario.LabA, "N-4001", "Meera", "Iyer");
        var delivery = logIds.Single();
        await Hub.Client.WaitForStatusAsync(delivery, "Success");
        var log = (await Hub.Client.GetLogAsync(delivery))["log"]!;
        var call = log["causedBy"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(call), log.ToJsonString());
        await HubApi.WaitUntilAsync(async () => (await Hub.Client.GetAsync($"/api/logs/{call}")).IsSuccessStatusCode, what: "the call's inbound log");
        var inbound = (await Hub.Client.GetLogAsync(call!))["log"]!;
        Assert.Equal([delivery], inbound["triggered"]!.AsArray().Select(n => n!.GetValue<string>()));
        var caller = inbound["context"]!["caller"]!.GetValue<string>();
        Assert.StartsWith("key:", caller, StringComparison.Ordinal);

        var page = await SignInAsync();
        await page.GotoAsync($"/logs?direction=Inbound&patientId={inbound["context"]!["patientId"]}");
        await Expect(page.Locator("[data-testid=inbound-route]")).ToContainTextAsync("POST /api/labs/{labId}/patients");
        await Expect(page.Locator("[data-testid=inbound-caller]")).ToContainTextAsync(caller);
        await Expect(page.Locator("[data-testid=log-table]")).ToContainTextAsync($"P{inbound["context"]!["patientId"]}");
        await BrowserFixture.ScreenshotAsync(page, "24-logs-inbound-rows");

        await page.ClickAsync("[data-testid=log-link]");
        await Expect(page.Locator("[data-testid=caller]")).ToHaveTextAsync(caller);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Automatic");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Payload sent first");
        await BrowserFixture.ScreenshotAsync(page, "25-inbound-log-detail");
        await page.ClickAsync($"[data-testid=triggered] a");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/logs/{delivery}$"));
        await Expect(page.Locator("[data-testid=caused-by] a")).ToHaveAttributeAsync("href", $"/logs/{call}");
    }

    [Fact]
    public async Task Sending_a_successful_delivery_again_takes_a_confirmation_that_says_what_it_will_do()
    {
        var (_, ids) = await Hub.Client.RegisterPatientAsync(_scenario.LabA, "N-5001", "Neha", "Pai");
        var delivered = ids.Single();
        await Hub.Client.WaitForStatusAsync(delivered, "Success");
        var page = await SignInAsync();
        var asked = new List<string>();
        page.Dialog += (_, dialog) => asked.Add(dialog.Message);
        await page.GotoAsync($"/logs/{delivered}");
        await Expect(page.Locator("[data-testid=retry]")).Not.ToBeVisibleAsync();

        // A post that does not carry the confirmation sends nothing, whatever the page looked like.
        await page.ClickAsync("[data-testid=resend] summary");
        await Expect(page.Locator("[data-testid=resend]")).ToContainTextAsync("a second copy");
        await page.EvaluateAsync("document.querySelector('[data-testid=resend] input[name=confirmed]').remove()");
        await page.ClickAsync("[data-testid=retry]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("already succeeded");
        await Expect(page.Locator("[data-testid=attempt]")).ToHaveCountAsync(1);

        await page.ClickAsync("[data-testid=resend] summary");
        await BrowserFixture.ScreenshotAsync(page, "26-send-a-successful-delivery-again");
        await page.ClickAsync("[data-testid=retry]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Retry queued as attempt #2");
        Assert.Contains(asked, m => m.Contains("second copy", StringComparison.Ordinal) && m.Contains("City Hospital EMR", StringComparison.Ordinal));
        await HubApi.WaitUntilAsync(() => Sink.RequestsTo("/emr").Count(r => r.Body.Contains("N-5001", StringComparison.Ordinal)) == 2, what: "the second copy at the partner");
    }

    [Fact]
    public async Task A_log_being_delivered_follows_on_its_page_without_a_reload_and_stops_when_it_ends()
    {
        var scenarioResponder = Sink.Responder;
        Sink.Responder = async r =>
        {
            if (r.Path == "/emr" && r.Body.Contains("N-6001", StringComparison.Ordinal))
            {
                await Task.Delay(3000);
            }

            return await scenarioResponder(r);
        };
        var (_, ids) = await Hub.Client.RegisterPatientAsync(_scenario.LabA, "N-6001", "Tara", "Das");
        var page = await SignInAsync();
        await page.GotoAsync($"/logs/{ids.Single()}");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Queued");
        await Expect(page.Locator("[data-testid=live]")).ToHaveAttributeAsync("data-live", "2");
        await page.EvaluateAsync("window.__sameDocument = true");

        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Success", new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was swapped in place, not reloaded");
        await Expect(page.Locator("[data-testid=live]")).Not.ToHaveAttributeAsync("data-live", new System.Text.RegularExpressions.Regex("."));
    }

    [Fact]
    public async Task An_admin_creates_and_renames_labs_by_name_and_gives_a_user_labs_from_a_list()
    {
        var page = await browser.SignedInPageAsync(Hub.BaseUrl, "admin", HubTestServer.AdminPassword);
        await page.GotoAsync("/labs");
        await Expect(page.Locator("[data-testid=lab-name-NORTH]")).ToHaveValueAsync("North Lab");
        await page.FillAsync("#name", "East Clinic");
        await page.FillAsync("#code", "NORTH");
        await page.ClickAsync("[data-testid=create-lab]");
        await Expect(page.Locator("[data-testid=lab-problems]")).ToContainTextAsync("code: A lab with this code already exists.");
        await Expect(page.Locator("#name")).ToHaveValueAsync("East Clinic");
        await page.FillAsync("#code", "EAST");
        await page.ClickAsync("[data-testid=create-lab]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Lab 'East Clinic' (EAST) created");

        await page.FillAsync("[data-testid=lab-name-SOUTH]", "South Lab and Clinics");
        await page.ClickAsync("[data-testid=rename-SOUTH]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Lab SOUTH is now 'South Lab and Clinics'");
        await BrowserFixture.ScreenshotAsync(page, "28-labs");
        var labs = await (await Hub.Client.GetAsync("/api/labs")).ReadJsonAsync();
        Assert.Contains(labs.AsArray(), l => l!["code"]!.GetValue<string>() == "SOUTH" && l["name"]!.GetValue<string>() == "South Lab and Clinics");
        var audit = await Hub.Client.GetStringAsync("/api/audit?limit=20");
        Assert.Contains("lab.renamed", audit, StringComparison.Ordinal);

        // A new user's labs are chosen by name.
        await page.GotoAsync("/admin/access");
        await page.FillAsync("#newUser", "erin.east");
        await page.FillAsync("#newPassword", "east-clinic-pass-123");
        await page.SelectOptionAsync("[data-testid=newLabs]", new SelectOptionValue { Label = "East Clinic (EAST)" });
        await page.ClickAsync("[data-testid=create-user]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("User 'erin.east' added.");
        var chosen = page.Locator("tr", new() { HasText = "erin.east" }).Locator("select[name=labs] option:checked");
        await Expect(chosen).ToHaveTextAsync(["East Clinic (EAST)"]);
        await BrowserFixture.ScreenshotAsync(page, "29-access-labs-from-a-list");
    }

    [Fact]
    public async Task The_integration_form_shows_the_fields_and_variables_of_its_choices_and_each_problem_at_its_field()
    {
        var page = await browser.SignedInPageAsync(Hub.BaseUrl, "admin", HubTestServer.AdminPassword);
        await page.GotoAsync("/integrations/new");

        // The canonical format needs no template; Liquid does, with the chosen action's variables beside it.
        await Expect(page.Locator("#Form_Template")).Not.ToBeVisibleAsync();
        await page.SelectOptionAsync("#Form_PayloadFormat", "1");
        await Expect(page.Locator("#Form_Template")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=variables] summary");
        var visible = page.Locator("[data-testid=variables] table:visible");
        await Expect(visible).ToHaveCountAsync(1);
        await Expect(visible).ToContainTextAsync("{{ patient.mrn }}");
        await Expect(visible).ToContainTextAsync("{{ event.occurredAt }}");
        await page.SelectOptionAsync("#Form_ActionId", "1");
        await Expect(page.Locator("[data-testid=variables] table:visible")).ToContainTextAsync("{{ bill.number }}");

        // Problems under their fields, in words.
        await page.SelectOptionAsync("#Form_LabId", _scenario.LabA.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#Form_Name", "Claims");
        await page.FillAsync("#Form_Url", "not a url");
        await page.EvaluateAsync("() => document.querySelector('#Form_Url').type = 'text'");
        await page.FillAsync("#Form_Template", "{{ bill.number ");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator("#Form_Url + .field-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#Form_Template + .field-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#Form_Url")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("invalid"));
        await BrowserFixture.ScreenshotAsync(page, "30-integration-form-problems-at-fields");
    }

    [Fact]
    public void The_axis_top_just_holds_the_largest_count_in_four_round_steps()
    {
        Assert.Equal(600, global::IntegrationHub.Dashboard.Rendering.VolumeChart.AxisTop(555));
        Assert.Equal(4, global::IntegrationHub.Dashboard.Rendering.VolumeChart.AxisTop(0));
        Assert.Equal(4, global::IntegrationHub.Dashboard.Rendering.VolumeChart.AxisTop(3));
        Assert.Equal(8, global::IntegrationHub.Dashboard.Rendering.VolumeChart.AxisTop(5));
        Assert.Equal(1000, global::IntegrationHub.Dashboard.Rendering.VolumeChart.AxisTop(1000));
        Assert.Equal(1200, global::IntegrationHub.Dashboard.Rendering.VolumeChart.AxisTop(1001));
        Assert.Equal(40, global::IntegrationHub.Dashboard.Rendering.VolumeChart.AxisTop(37));
    }
}
