using System.Net;
using IntegrationHub.Contracts;
using IntegrationHub.Logs.MongoDb;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Playwright;
using MongoDB.Bson;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.Tests.Logs;

/// <summary>An operator browses and retries in headless Chromium while the logs live in the document store.</summary>
public sealed class MongoDbLogsDashboardTests(BrowserFixture browser) : HubTest, IClassFixture<BrowserFixture>
{
    private readonly string _database = $"hub_e2e_{Guid.NewGuid():N}";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["IntegrationHub:Logs:Provider"] = "MongoDb",
        ["IntegrationHub:Logs:ConnectionString"] = MongoDbTestServer.ConnectionString,
        ["IntegrationHub:Logs:Database"] = _database,
        ["IntegrationHub:Logs:RelayPollMs"] = "20",
    };

    public override async Task DisposeAsync()
    {
        var database = Hub.Services.GetRequiredService<MongoDbLogDatabase>();
        await base.DisposeAsync();
        foreach (var collection in new[] { database.Logs, database.Attempts, database.Acknowledgements })
        {
            await collection.DeleteManyAsync(new BsonDocument());
        }
    }

    [Fact]
    public async Task An_operator_finds_a_failed_delivery_in_the_list_opens_it_and_retries_it()
    {
        var lab = await Hub.Client.CreateLabAsync("MONGO-UI");
        var refuse = true;
        Sink.Responder = _ => Task.FromResult(Volatile.Read(ref refuse) ? SinkResponse.WithStatus(400, """{"error":"unknown patient"}""") : SinkResponse.Ok("{}"));
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/emr"), new { maxAttempts = 1 });
        var logId = (await Hub.Client.RegisterPatientAsync(lab, "MRN-UI1")).LogIds.Single();
        await HubApi.WaitUntilAsync(
            async () => await Hub.Client.GetAsync($"/api/logs/{logId}") is { StatusCode: HttpStatusCode.OK } answer && (await answer.ReadJsonAsync()).Status() == "Fail",
            what: "the failed log in the document store");

        var page = await browser.SignedInPageAsync(Hub.BaseUrl, "admin", HubTestServer.AdminPassword);
        await page.GotoAsync("/logs?status=Fail");
        await Expect(page.Locator("[data-testid=log-link]")).ToHaveCountAsync(1);
        await page.ClickAsync("[data-testid=log-link]");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Fail");
        await Expect(page.Locator("[data-testid=attempt]")).ToHaveCountAsync(1);

        Volatile.Write(ref refuse, false);
        await page.ClickAsync("[data-testid=retry]");
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("Retry queued as attempt #2");
        await Hub.Client.WaitForStatusAsync(logId, "Success");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Success");
        await Expect(page.Locator("[data-testid=attempt]")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(page, "40-mongodb-log-detail-after-retry");
    }
}
