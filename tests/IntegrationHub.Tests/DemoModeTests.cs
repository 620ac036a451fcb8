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
        using var server = await ServerProcess.StartAsync(_data.Path, new Dictionary<string, string> { ["IntegrationHub__RetryBaseDelay"] = "00:00:00.100" }, "--demo");

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
}
