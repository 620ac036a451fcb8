using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>The built-in sandbox partner exists only when enabled (the demo), and then within its bounds.</summary>
public sealed class SandboxTests
{
    [Fact]
    public async Task Without_the_demo_there_is_no_sandbox_for_anyone()
    {
        await using var hub = await HubTestServer.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/sandbox/x/requests")).StatusCode);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(hub.BaseUrl) };
        var post = await anonymous.PostAsync("/sandbox/x", new StringContent(new string('x', 100_000)));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Empty(hub.Services.GetRequiredService<IntegrationHub.Web.Sandbox.SandboxReceiver>().Channels);
    }

    [Fact]
    public async Task An_enabled_sandbox_bounds_body_size_channel_count_and_bytes_kept()
    {
        await using var hub = await HubTestServer.StartAsync(new()
        {
            ["IntegrationHub:Sandbox:Enabled"] = "true",
            ["IntegrationHub:Sandbox:MaxBodyBytes"] = "20000",
            ["IntegrationHub:Sandbox:MaxChannels"] = "3",
            ["IntegrationHub:Sandbox:MaxTotalBytes"] = "65536",
        });
        using var anonymous = hub.Anonymous();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await anonymous.PostAsync("/sandbox/a", new StringContent(new string('x', 20_001)))).StatusCode);
        foreach (var channel in new[] { "a", "b", "c" })
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/sandbox/{channel}", new StringContent(new string('y', 10_000)))).StatusCode);
            }
        }

        var refused = await anonymous.PostAsync("/sandbox/d", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.Contains("IntegrationHub:Sandbox:MaxChannels", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/sandbox/" + new string('n', 65), new StringContent("{}"))).StatusCode);

        // Kept: the newest requests only, within 64 KiB of text (UTF-16) over all channels.
        long keptChars = 0;
        foreach (var channel in new[] { "a", "b", "c" })
        {
            var seen = (await hub.Client.GetFromJsonAsync<JsonObject>($"/sandbox/{channel}/requests"))!;
            Assert.Equal(10, seen["received"]!.GetValue<int>());
            keptChars += seen["requests"]!.AsArray().Sum(r => r!["body"]!.GetValue<string>().Length);
        }

        Assert.InRange(keptChars * 2, 1, 65536);
        var newest = (await hub.Client.GetFromJsonAsync<JsonObject>("/sandbox/c/requests"))!["requests"]!.AsArray();
        Assert.Equal(10, newest[^1]!["sequence"]!.GetValue<int>());
    }
}
