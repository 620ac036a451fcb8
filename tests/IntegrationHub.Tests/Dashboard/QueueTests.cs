using System.Net;
using IntegrationHub.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.Tests.Dashboard;

/// <summary>GET /api/queue and /queue: what waits per integration, the next retry, the oldest, and the way to open what is stuck.</summary>
public sealed class QueueTests(BrowserFixture browser) : HubTest, IClassFixture<BrowserFixture>
{
    // Retries far off, so the refused deliveries stay RETRYING while the test looks.
    protected override Dictionary<string, string?> Settings => new() { ["IntegrationHub:RetryBaseDelay"] = "00:10:00", ["IntegrationHub:RetryMaxDelay"] = "00:30:00" };

    [Fact]
    public async Task The_queue_shows_what_waits_per_integration_and_opens_the_stuck_deliveries()
    {
        var lab = await Hub.Client.CreateLabAsync("QUEUE");
        Sink.Responder = r => Task.FromResult(r.Path == "/down" ? SinkResponse.WithStatus(503, "{}") : SinkResponse.Ok("{}"));
        var down = await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/down"), new { name = "Registry (down)", maxAttempts = 5 });
        var up = await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/up"), new { name = "EMR (up)" });
        var logs = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            logs.AddRange((await Hub.Client.RegisterPatientAsync(lab, $"Q-{i}")).LogIds);
        }

        foreach (var id in logs)
        {
            await Hub.Client.WaitForLogAsync(id, l => l.Status() is "Success" or "Retrying");
        }

        var snapshot = await (await Hub.Client.GetAsync($"/api/queue?labId={lab}")).ReadJsonAsync();
        var rows = snapshot["integrations"]!.AsArray();
        var stuck = rows.Single(r => r!["integrationId"]!.GetValue<long>() == down)!;
        Assert.Equal((0, 2), (stuck["queued"]!.GetValue<long>(), stuck["retrying"]!.GetValue<long>()));
        Assert.True(DateTimeOffset.Parse(stuck["nextRetryAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.NotNull(stuck["oldestSince"]);
        var fine = rows.Single(r => r!["integrationId"]!.GetValue<long>() == up)!;
        Assert.Equal((0, 0), (fine["queued"]!.GetValue<long>(), fine["retrying"]!.GetValue<long>()));
        Assert.Equal(down, rows[0]!["integrationId"]!.GetValue<long>());
        Assert.True(snapshot["latency"]!.AsArray().Sum(p => p!["deliveries"]!.GetValue<int>()) >= 2);
        Assert.Equal(HttpStatusCode.NotFound, (await Hub.Client.GetAsync("/api/queue?integrationId=999999")).StatusCode);

        var page = await browser.SignedInPageAsync(Hub.BaseUrl, "admin", HubTestServer.AdminPassword);
        await page.GotoAsync($"/queue?labId={lab}");
        await Expect(page.Locator("[data-testid=retrying-total]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-testid=queue]")).ToHaveAttributeAsync("data-live", "5");
        await Expect(page.Locator($"[data-integration='{down}']")).ToContainTextAsync("in ");
        await BrowserFixture.ScreenshotAsync(page, "31-queue");
        await page.ClickAsync($"[data-integration='{down}'] [data-testid=open-retrying]");
        await Expect(page.Locator("[data-testid=log-link]")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Another_labs_queue_is_not_found()
    {
        var mine = await Hub.Client.CreateLabAsync("QMINE");
        var theirs = await Hub.Client.CreateLabAsync("QTHEIRS");
        var key = (await Hub.Client.PostOkAsync("/api/keys", new { name = "q-viewer", role = "Viewer", labs = mine.ToString(System.Globalization.CultureInfo.InvariantCulture) }))["key"]!.GetValue<string>();
        using var scoped = Hub.Anonymous();
        scoped.DefaultRequestHeaders.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.NotFound, (await scoped.GetAsync($"/api/queue?labId={theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scoped.GetAsync($"/api/queue?labId={mine}")).StatusCode);
    }
}
