using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>No value can split a request: control characters are refused in every header value at save time and before sending.</summary>
public sealed class HeaderInjectionTests : HubTest
{
    private const string Split = "x\r\nX-Injected: yes\r\n\r\nGET /smuggled HTTP/1.1";
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("CRLF");
    }

    public static TheoryData<string, string> Fields => new()
    {
        { "headers", "headers.X-Partner" },
        { "contentType", "payload.contentType" },
        { "bearer", "auth.token" },
        { "apiKey", "auth.apiKey" },
        { "basic", "auth.username" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_control_character_in_a_header_value_is_refused_when_saved(string where, string field)
    {
        object extra = where switch
        {
            "headers" => new { headers = new Dictionary<string, string> { ["X-Partner"] = Split } },
            "contentType" => new { payload = new { format = "Liquid", contentType = "text/plain" + Split, template = "hi" } },
            "bearer" => new { auth = new { kind = "Bearer", token = Split } },
            "apiKey" => new { auth = new { kind = "ApiKey", apiKey = Split } },
            _ => new { auth = new { kind = "Basic", username = Split, password = "pw-123456" } },
        };
        var body = JsonSerializer.SerializeToNode(new { labId = _lab, actionId = 57, name = "CRLF", url = Sink.Url("/in") })!.AsObject();
        foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        var answer = await Hub.Client.PostAsJsonAsync("/api/integrations", body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.Contains(field, text, StringComparison.Ordinal);
        Assert.Contains("control characters", text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", text, StringComparison.Ordinal);
        Assert.Empty((await Hub.Client.GetFromJsonAsync<JsonArray>($"/api/integrations?labId={_lab}"))!);
    }

    [Fact]
    public async Task A_token_with_a_line_break_from_a_token_endpoint_is_never_sent()
    {
        Sink.Responder = r => Task.FromResult(r.Path == "/token"
            ? SinkResponse.Ok(JsonSerializer.Serialize(new { token = Split }))
            : SinkResponse.Ok("{}"));
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/in"), new
        {
            maxAttempts = 1,
            auth = new { kind = "LoginEndpoint", tokenUrl = Sink.Url("/token"), loginBody = """{"user":"lab"}""" },
        });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "TK-1")).LogIds.Single();

        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail");
        var error = log["log"]!["state"]!["lastAttempt"]!["error"]!;
        Assert.Equal("Auth", error["class"]!.GetValue<string>());
        Assert.Contains("control characters", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["/token"], Sink.Requests.Select(r => r.Path));
    }
}
