using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>
/// What a partner says back is logged without the integration's secrets (a 401 page that quotes the
/// Authorization header, a debug echo), and its own words stay out of the error text viewers read.
/// </summary>
public sealed class EchoedSecretTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("ECHO");
    }

    // Echoes every credential it received, in its body and in a header, and fails.
    private static SinkResponse Echo(SinkRequest request) =>
        new SinkResponse(401, JsonSerializer.Serialize(new { youSent = request.Header("Authorization"), key = request.Header("X-Partner-Key"), url = request.Path }))
            .WithHeader("X-Echo", request.Header("Authorization") ?? "");

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Basic")]
    [InlineData("OAuth2ClientCredentials")]
    public async Task Secrets_a_partner_echoes_back_are_scrubbed_before_they_are_stored(string kind)
    {
        const string fetched = "fetched-token-0123456789";
        Sink.Responder = r => Task.FromResult(r.Path == "/token"
            ? SinkResponse.Ok(JsonSerializer.Serialize(new { access_token = fetched, expires_in = 3600 }))
            : Echo(r));
        object auth = kind switch
        {
            "Bearer" => new { kind, token = "static-bearer-0123456789" },
            "Basic" => new { kind, username = "lab-user", password = "basic-password-0123" },
            _ => new { kind, tokenUrl = Sink.Url("/token"), clientId = "client", clientSecret = "client-secret-0123" },
        };
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/echo"), new
        {
            maxAttempts = 1,
            auth,
            headers = new Dictionary<string, string> { ["X-Partner-Key"] = "header-secret-0123" },
            secretHeaders = new[] { "X-Partner-Key" },
        });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, $"E-{kind}")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Fail");

        // A refused token is fetched again once and the request sent once more: both credentials count.
        var credentials = Sink.RequestsTo("/echo").Select(r => r.Header("Authorization")!).Select(a => a[(a.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
        Assert.NotEmpty(credentials);
        var detail = await (await Hub.Client.GetAsync($"/api/logs/{logId}")).Content.ReadAsStringAsync();
        Assert.Contains("youSent", detail, StringComparison.Ordinal);
        foreach (var secret in credentials.Concat(["header-secret-0123", "static-bearer-0123456789", "basic-password-0123", fetched]))
        {
            Assert.DoesNotContain(secret, detail, StringComparison.Ordinal);
            Assert.Equal(0, await Hub.CountAttemptsContainingAsync(secret) + await Hub.CountLogsContainingAsync(secret));
        }
    }

    [Fact]
    public async Task A_partners_reason_phrase_stays_out_of_the_error_text_and_its_signature()
    {
        Sink.Responder = _ => Task.FromResult(SinkResponse.WithStatus(503) with { Reason = "Patient Asha Rao unknown" });
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/reason"), new { maxAttempts = 1 });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "R-1")).LogIds.Single();
        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail");

        Assert.Equal("Partner answered 503.", log["log"]!["state"]!["lastAttempt"]!["error"]!["message"]!.GetValue<string>());
        using var viewer = await Hub.ClientForAsync("Viewer", "*");
        Assert.DoesNotContain("Asha", await (await viewer.GetAsync($"/api/logs/{logId}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Asha", await (await viewer.GetAsync("/api/logs?status=Fail")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
