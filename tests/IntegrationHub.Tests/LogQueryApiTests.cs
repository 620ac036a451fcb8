using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class LogQueryApiTests : HubTest
{
    [Fact]
    public async Task Logs_are_found_by_business_id_status_and_integration_newest_first_with_keyset_paging()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("QUERY");
        Sink.Responder = r => Task.FromResult(r.Path == "/refuses" ? SinkResponse.WithStatus(400) : SinkResponse.Ok("{}"));
        var good = await client.CreateIntegrationAsync(lab, 57, Sink.Url("/accepts"), new { vendor = "GoodCo" });
        var bad = await client.CreateIntegrationAsync(lab, 57, Sink.Url("/refuses"), new { vendor = "BadCo" });
        var patients = new List<long>();
        var all = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (patientId, logIds) = await client.RegisterPatientAsync(lab, $"Q-{i}");
            patients.Add(patientId);
            all.AddRange(logIds);
        }

        foreach (var id in all)
        {
            await client.WaitForLogAsync(id, l => l.Status() is "Success" or "Fail");
        }

        async Task<JsonNode> Get(string query) => await (await client.GetAsync($"/api/logs?labId={lab}&direction=Outbound&{query}")).ReadJsonAsync();
        var byPatient = (await Get($"patientId={patients[2]}"))["items"]!.AsArray();
        Assert.Equal(2, byPatient.Count);
        Assert.All(byPatient, i => Assert.Equal(patients[2], i!["context"]!["patientId"]!.GetValue<long>()));

        var failed = (await Get("status=Fail"))["items"]!.AsArray();
        Assert.Equal(4, failed.Count);
        Assert.All(failed, i => Assert.Equal(bad, i!["integrationId"]!.GetValue<long>()));
        Assert.All(failed, i => Assert.Equal(400, i!["httpStatus"]!.GetValue<int>()));
        Assert.Equal(4, (await Get($"integrationId={good}"))["items"]!.AsArray().Count);
        Assert.Equal(4, (await Get("vendor=BadCo"))["items"]!.AsArray().Count);
        Assert.Equal(8, (await Get("actionId=57"))["items"]!.AsArray().Count);
        Assert.Empty((await Get("actionId=1"))["items"]!.AsArray());

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Get("limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(8, seen.Distinct().Count());
        Assert.Equal(all.Order(StringComparer.Ordinal).Reverse(), seen);
    }

    [Fact]
    public async Task Stats_count_by_status_per_integration_and_per_action()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("STATS");
        Sink.Responder = r => Task.FromResult(r.Path == "/no" ? SinkResponse.WithStatus(404) : SinkResponse.Ok("{}"));
        var yes = await client.CreateIntegrationAsync(lab, 57, Sink.Url("/yes"));
        var no = await client.CreateIntegrationAsync(lab, 57, Sink.Url("/no"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.AddRange((await client.RegisterPatientAsync(lab, $"S-{i}")).LogIds);
        }

        foreach (var id in ids)
        {
            await client.WaitForLogAsync(id, l => l.Status() is "Success" or "Fail");
        }

        var stats = await (await client.GetAsync($"/api/stats?labId={lab}")).ReadJsonAsync();
        var byIntegration = stats["byIntegration"]!.AsArray().ToDictionary(i => i!["integrationId"]!.GetValue<long>(), i => i!["counts"]!);
        Assert.Equal(3, byIntegration[yes]["success"]!.GetValue<long>());
        Assert.Equal(3, byIntegration[no]["fail"]!.GetValue<long>());
        var patientRegistration = stats["byAction"]!.AsArray().Single(a => a!["actionId"]!.GetValue<int>() == 57)!;
        Assert.Equal(6, patientRegistration["counts"]!["total"]!.GetValue<long>());

        var empty = await (await client.GetAsync($"/api/stats?labId={lab}&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")).ReadJsonAsync();
        Assert.Equal(0, empty["total"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_filters_are_400_naming_the_parameter()
    {
        var status = await Hub.Client.GetAsync("/api/logs?status=Lost");
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.NotNull((await status.ReadJsonAsync())["errors"]!["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await Hub.Client.GetAsync("/api/logs?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Hub.Client.GetAsync("/api/stats?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Hub.Client.GetAsync("/api/logs/does-not-exist")).StatusCode);
    }

    [Fact]
    public async Task Inbound_api_calls_are_logged_by_the_directory_including_rejected_ones()
    {
        var lab = await Hub.Client.CreateLabAsync("INBOUND");
        await Hub.Client.RegisterPatientAsync(lab, "IN-1");
        var rejected = await Hub.Client.PostAsync($"/api/labs/{lab}/patients", new StringContent("{\"mrn\":\"IN-2\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);

        var inbound = (await (await Hub.Client.GetAsync($"/api/logs?labId={lab}&direction=Inbound")).ReadJsonAsync())["items"]!.AsArray();
        Assert.Equal(2, inbound.Count);
        Assert.Equal("Fail", inbound[0]!["status"]!.GetValue<string>());
        Assert.Equal(400, inbound[0]!["httpStatus"]!.GetValue<int>());
        Assert.Equal("Success", inbound[1]!["status"]!.GetValue<string>());
        Assert.Equal("POST /api/labs/{labId}/patients", inbound[1]!["actionName"]!.GetValue<string>());
        var detail = await Hub.Client.GetLogAsync(inbound[1]!["id"]!.GetValue<string>());
        Assert.Contains("IN-1", detail["log"]!["payload"]!["text"]!.GetValue<string>());
    }
}
