using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

/// <summary>The README's run command: the server started with --demo shows deliveries at once.</summary>
public sealed class DemoModeTests : IDisposable
{
    private readonly TempDataFolder _data = new("hub-demo");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_demo_seeds_a_lab_whose_integrations_deliver_to_the_sandbox_and_one_fails()
    {
        // The living traffic off: this test counts the seeded deliveries.
        using var server = await ServerProcess.StartAsync(_data.Path, new Dictionary<string, string> { ["IntegrationHub__RetryBaseDelay"] = "00:00:00.100", ["IntegrationHub__Demo__TrafficEverySeconds"] = "0" }, "--demo");

        JsonArray items = [];
        await HubApi.WaitUntilAsync(() =>
        {
            var page = server.Client.GetAsync("/api/logs?direction=Outbound").Result.ReadJsonAsync().Result;
            items = page["items"]!.AsArray();
            return items.Count == 6 && items.All(i => i!["status"]!.GetValue<string>() is "Success" or "Fail");
        }, seconds: 30, what: "the demo's six deliveries to end");

        Assert.Equal(5, items.Count(i => i!["status"]!.GetValue<string>() == "Success"));
        var failed = items.Single(i => i!["status"]!.GetValue<string>() == "Fail")!;
        Assert.Equal("Star Insurance claims", failed["integrationName"]!.GetValue<string>());
        Assert.Equal(3, failed["attempts"]!.GetValue<int>());
        var sandbox = await (await server.Client.GetAsync("/sandbox/city-emr/requests")).ReadJsonAsync();
        Assert.Equal(2, sandbox["received"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_demo_keeps_traffic_flowing_and_says_what_it_seeded_and_where_to_sign_in()
    {
        using var server = await ServerProcess.StartAsync(_data.Path, new Dictionary<string, string> { ["IntegrationHub__RetryBaseDelay"] = "00:00:00.100", ["IntegrationHub__Demo__TrafficEverySeconds"] = "1" }, "--demo");

        // Four ticks raise each kind of event in turn: a new patient each tick, then a bill, a received sample and a signed report.
        JsonArray items = [];
        await HubApi.WaitUntilAsync(() =>
        {
            items = server.Client.GetAsync("/api/logs?direction=Outbound&limit=200").Result.ReadJsonAsync().Result["items"]!.AsArray();
            int Of(string action) => items.Count(i => i!["actionName"]!.GetValue<string>() == action);

            // The seed: 2 patients to 2 partners, 1 bill, 1 report. Four ticks later: 4 more patients, a bill and a report.
            return Of("PatientRegistration") >= 12 && Of("BillGeneration") >= 2 && Of("ReportSigned") >= 2;
        }, seconds: 90, what: "the demo's traffic after the seed");

        Assert.Contains(server.Output, line => line.Contains("Demo: seeded the lab 'Demo Diagnostics'", StringComparison.Ordinal));
        Assert.Contains(server.Output, line => line.Contains("/login as the admin", StringComparison.Ordinal) && line.Contains(IntegrationHub.Web.Security.BootstrapAccess.PasswordFileName, StringComparison.Ordinal));
        Assert.Contains(server.Output, line => line.Contains("one more business event every 1 s", StringComparison.Ordinal));
        Assert.Equal(0, await server.StopAsync());
    }
}
