using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>Thin helpers over the public HTTP API, so tests read as the journey they check.</summary>
public static class HubApi
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON answer.");
    }

    public static async Task<JsonNode> PostOkAsync(this HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }

    public static async Task<long> CreateLabAsync(this HttpClient client, string code) =>
        (await client.PostOkAsync("/api/labs", new { name = $"Lab {code}", code }))["id"]!.GetValue<long>();

    /// <summary>Creates an integration; <paramref name="extra"/> properties override the defaults.</summary>
    public static async Task<long> CreateIntegrationAsync(this HttpClient client, long labId, int actionId, string url, object? extra = null)
    {
        var body = new JsonObject
        {
            ["labId"] = labId,
            ["actionId"] = actionId,
            ["name"] = $"Partner {Guid.NewGuid():N}"[..16],
            ["vendor"] = "TestVendor",
            ["url"] = url,
        };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        return (await client.PostOkAsync("/api/integrations", body))["id"]!.GetValue<long>();
    }

    public static async Task<(long PatientId, string[] LogIds)> RegisterPatientAsync(this HttpClient client, long labId, string mrn, string firstName = "Asha", string lastName = "Rao")
    {
        var answer = await client.PostOkAsync($"/api/labs/{labId}/patients", new { mrn, firstName, lastName, sex = "F", dateOfBirth = "1985-04-02" });
        return (answer["entity"]!["id"]!.GetValue<long>(), answer["deliveryLogIds"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
    }

    public static async Task<JsonNode> GetLogAsync(this HttpClient client, string logId)
    {
        var response = await client.GetAsync($"/api/logs/{logId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Polls a log until <paramref name="done"/> holds; fails with the last state after <paramref name="seconds"/>.</summary>
    public static async Task<JsonNode> WaitForLogAsync(this HttpClient client, string logId, Func<JsonNode, bool> done, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonNode last;
        do
        {
            last = await client.GetLogAsync(logId);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(25);
        }
        while (DateTime.UtcNow < deadline);

        throw new Xunit.Sdk.XunitException($"Log {logId} did not reach the expected state in {seconds}s; last: {last.ToJsonString()}");
    }

    public static string Status(this JsonNode logDetail) => logDetail["log"]!["state"]!["status"]!.GetValue<string>();

    public static int Attempts(this JsonNode logDetail) => logDetail["log"]!["state"]!["attempts"]!.GetValue<int>();

    public static Task<JsonNode> WaitForStatusAsync(this HttpClient client, string logId, string status, int seconds = 20) =>
        client.WaitForLogAsync(logId, l => l.Status() == status, seconds);

    /// <summary>The detail of the first inbound log named <paramref name="actionName"/>, once it is written.</summary>
    public static async Task<JsonNode> WaitForInboundLogAsync(this HttpClient client, string actionName)
    {
        JsonNode? found = null;
        await WaitUntilAsync(() =>
        {
            var page = client.GetFromJsonAsync<JsonNode>("/api/logs?direction=Inbound&limit=200").GetAwaiter().GetResult()!;
            found = page["items"]!.AsArray().FirstOrDefault(i => i!["actionName"]!.GetValue<string>() == actionName);
            return found is not null;
        }, what: $"the inbound log '{actionName}'");
        return await client.GetLogAsync(found!["id"]!.GetValue<string>());
    }

    public static Task WaitUntilAsync(Func<bool> condition, int seconds = 20, string? what = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), seconds, what);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 20, string? what = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {seconds}s waiting for {what ?? "a condition"}.");
            }

            await Task.Delay(20);
        }
    }
}
