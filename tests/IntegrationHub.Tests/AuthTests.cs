using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class AuthTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("AUTH");
    }

    private async Task<(SinkRequest Sent, JsonNode Log)> DeliverAsync(string path, object auth, string mrn)
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url(path), new { auth });
        var (_, logIds) = await Hub.Client.RegisterPatientAsync(_lab, mrn);
        var log = await Hub.Client.WaitForStatusAsync(logIds.Single(), "Success");
        return (Sink.RequestsTo(path).Last(), log);
    }

    [Fact]
    public async Task Basic_auth_sends_the_credentials_and_logs_them_masked()
    {
        var (sent, log) = await DeliverAsync("/basic", new { kind = "Basic", username = "lab7", password = "pw-basic-1" }, "B1");
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("lab7:pw-basic-1")), sent.Header("Authorization"));
        Assert.Equal("Basic ********", log["attempts"]![0]!["request"]!["headers"]!["Authorization"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_key_goes_in_the_configured_header_and_is_masked()
    {
        var (sent, log) = await DeliverAsync("/apikey", new { kind = "ApiKey", headerName = "X-Partner-Key", apiKey = "key-123456" }, "K1");
        Assert.Equal("key-123456", sent.Header("X-Partner-Key"));
        Assert.Equal("********", log["attempts"]![0]!["request"]!["headers"]!["X-Partner-Key"]!.GetValue<string>());
        Assert.DoesNotContain("key-123456", log.ToJsonString());
    }

    [Fact]
    public async Task OAuth2_client_credentials_token_is_cached_and_refreshed_once_on_401()
    {
        var issued = 0;
        var valid = "";
        Sink.Responder = r =>
        {
            if (r.Path == "/oauth/token")
            {
                Assert.Contains("grant_type=client_credentials", r.Body);
                Assert.Contains("client_secret=cs-42", r.Body);
                valid = $"tok-{Interlocked.Increment(ref issued)}";
                return Task.FromResult(SinkResponse.Ok($$"""{"access_token":"{{valid}}","token_type":"Bearer","expires_in":3600}"""));
            }

            return Task.FromResult(r.Header("Authorization") == $"Bearer {valid}" ? SinkResponse.Ok("{}") : SinkResponse.WithStatus(401));
        };
        var auth = new { kind = "OAuth2ClientCredentials", tokenUrl = Sink.Url("/oauth/token"), clientId = "lab", clientSecret = "cs-42" };
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/oauth-api"), new { auth });

        var first = (await Hub.Client.RegisterPatientAsync(_lab, "O1")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(first, "Success");
        var second = (await Hub.Client.RegisterPatientAsync(_lab, "O2")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(second, "Success");
        Assert.Equal(1, issued);

        valid = "revoked-by-partner";
        var third = (await Hub.Client.RegisterPatientAsync(_lab, "O3")).LogIds.Single();
        var log = await Hub.Client.WaitForStatusAsync(third, "Success");
        Assert.Equal(2, issued);
        Assert.Equal(1, log.Attempts());
        Assert.DoesNotContain("tok-2", log.ToJsonString());
        Assert.DoesNotContain("cs-42", log.ToJsonString());
    }

    [Fact]
    public async Task Login_endpoint_token_is_read_from_the_configured_field()
    {
        Sink.Responder = r => Task.FromResult(r.Path switch
        {
            "/login" when r.Body.Contains("\"password\":\"lp-9\"", StringComparison.Ordinal) => SinkResponse.Ok("""{"data":{"token":"L-abc"},"ttl":600}"""),
            "/login" => SinkResponse.WithStatus(403),
            _ => r.Header("Authorization") == "Bearer L-abc" ? SinkResponse.Ok("{}") : SinkResponse.WithStatus(401),
        });
        var auth = new { kind = "LoginEndpoint", tokenUrl = Sink.Url("/login"), loginBody = """{"user":"lab","password":"lp-9"}""", tokenField = "data.token", expiresInField = "ttl" };
        var (sent, log) = await DeliverAsync("/login-api", auth, "L1");
        Assert.Equal("Bearer L-abc", sent.Header("Authorization"));
        Assert.DoesNotContain("lp-9", log.ToJsonString());
    }

    [Fact]
    public async Task A_refused_login_fails_the_delivery_as_an_auth_error_without_retrying()
    {
        Sink.Responder = r => Task.FromResult(r.Path == "/login" ? SinkResponse.WithStatus(401) : SinkResponse.Ok("{}"));
        var auth = new { kind = "LoginEndpoint", tokenUrl = Sink.Url("/login"), loginBody = """{"user":"lab","password":"wrong"}""" };
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/never"), new { auth });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "L2")).LogIds.Single();
        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal("Auth", log["log"]!["state"]!["lastAttempt"]!["error"]!["class"]!.GetValue<string>());
        Assert.Equal(1, log.Attempts());
        Assert.Empty(Sink.RequestsTo("/never"));
    }
}
