using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>
/// The hub reaches only where it should: internal addresses are refused at save time when written
/// literally, and on the address actually dialled at send time, for deliveries and token requests.
/// This class's server does not allow loopback (test servers usually do, for their sinks).
/// </summary>
public sealed class DestinationPolicyTests : HubTest
{
    private long _lab;

    protected override Dictionary<string, string?>? Settings => new()
    {
        // Replaces the test servers' loopback allowance by a harmless documentation address.
        ["IntegrationHub:Destinations:Allow:0"] = "192.0.2.1",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("SSRF");
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/x", "loopback")]
    [InlineData("http://127.1/x", "loopback")]
    [InlineData("http://2130706433/x", "loopback")]
    [InlineData("http://0x7f000001/x", "loopback")]
    [InlineData("http://0177.0.0.1/x", "loopback")]
    [InlineData("http://localhost:8080/x", "loopback")]
    [InlineData("http://api.localhost/x", "loopback")]
    [InlineData("http://[::1]/x", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/x", "loopback")]
    [InlineData("http://0.0.0.0/x", "this-network")]
    [InlineData("http://0/x", "this-network")]
    [InlineData("http://10.1.2.3/x", "private")]
    [InlineData("http://172.20.0.1/x", "private")]
    [InlineData("http://192.168.1.1/x", "private")]
    [InlineData("http://100.64.0.1/x", "carrier-grade NAT")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://[fe80::1]/x", "link-local")]
    [InlineData("http://[fc00::1]/x", "unique local")]
    [InlineData("http://[fd12:3456::1]/x", "unique local")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/x", "link-local")]
    [InlineData("http://224.0.0.1/x", "multicast")]
    public async Task An_internal_address_is_refused_when_the_integration_is_saved(string url, string rangeName)
    {
        var problem = await RefusedAsync(new { url });
        Assert.Contains(rangeName, problem["url"], StringComparison.Ordinal);
        Assert.Contains("IntegrationHub:Destinations:Allow", problem["url"], StringComparison.Ordinal);
        Assert.Empty(await IntegrationsAsync());
    }

    [Theory]
    [InlineData("OAuth2ClientCredentials")]
    [InlineData("LoginEndpoint")]
    public async Task A_token_url_pointing_inside_is_refused_when_saved(string kind)
    {
        var problem = await RefusedAsync(new
        {
            url = "https://partner.example/in",
            auth = new { kind, tokenUrl = "http://169.254.169.254/token", clientId = "c", clientSecret = "s", loginBody = "{}" },
        });
        Assert.Contains("link-local", problem["auth.tokenUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_in_the_url_are_refused_when_saved()
    {
        var problem = await RefusedAsync(new { url = "https://user:secret-pw@partner.example/in" });
        Assert.Contains("credentials", problem["url"], StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", string.Join(' ', problem.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_destination_and_an_allowed_address_are_accepted()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, "https://partner.example/in");
        await Hub.Client.CreateIntegrationAsync(_lab, 57, "http://192.0.2.1:8080/in");
        Assert.Equal(2, (await IntegrationsAsync()).Count);
    }

    [Fact]
    public async Task A_stored_integration_that_now_points_inside_fails_as_configuration_without_a_retry_and_sends_nothing()
    {
        // Stored by a hub that allowed loopback; this hub does not: the address dialled is what counts.
        var folder = Path.Combine(Path.GetTempPath(), "hub-tests", Guid.NewGuid().ToString("N"));
        await using (var allowing = await HubTestServer.StartAsync(dataFolder: folder))
        {
            allowing.KeepDataFolder = true;
            var lab = await allowing.Client.CreateLabAsync("OLD");
            await allowing.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/inside"), new { maxAttempts = 5 });
            await allowing.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/token-inside"), new
            {
                maxAttempts = 5,
                url = "https://partner.example/in",
                auth = new { kind = "LoginEndpoint", tokenUrl = Sink.Url("/token"), loginBody = """{"user":"u"}""" },
            });
        }

        await using var strict = await HubTestServer.StartAsync(new() { ["IntegrationHub:Destinations:Allow:0"] = "192.0.2.1" }, dataFolder: folder);
        var lab2 = (await strict.Client.GetFromJsonAsync<JsonArray>("/api/labs"))![0]!["id"]!.GetValue<long>();
        var logs = (await strict.Client.RegisterPatientAsync(lab2, "SSRF-1")).LogIds;
        Assert.Equal(2, logs.Length);
        foreach (var id in logs)
        {
            var log = await strict.Client.WaitForStatusAsync(id, "Fail");
            Assert.Equal(1, log.Attempts());
            var error = log["log"]!["state"]!["lastAttempt"]!["error"]!;
            Assert.True(error["class"]!.GetValue<string>() is "Configuration" or "Auth", error.ToJsonString());
            Assert.Contains("loopback", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(Sink.Requests);
    }

    private async Task<Dictionary<string, string>> RefusedAsync(object extra)
    {
        var body = JsonSerializer.SerializeToNode(new { labId = _lab, actionId = 57, name = "Inside" })!.AsObject();
        foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        var response = await Hub.Client.PostAsJsonAsync("/api/integrations", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        return errors.ToDictionary(e => e.Key, e => string.Join(' ', e.Value!.AsArray().Select(m => m!.GetValue<string>())));
    }

    private async Task<JsonArray> IntegrationsAsync() => (await Hub.Client.GetFromJsonAsync<JsonArray>($"/api/integrations?labId={_lab}"))!;
}
