using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class IntegrationConfigApiTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("CFG");
    }

    private JsonObject Valid() => new()
    {
        ["labId"] = _lab,
        ["actionId"] = 57,
        ["name"] = "City EMR",
        ["vendor"] = "CityEMR",
        ["url"] = "https://emr.example.org/patients",
    };

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "url", "\"ftp://emr.example.org/x\"", "url" },
        { "url", "\"not a url\"", "url" },
        { "actionId", "999", "actionId" },
        { "labId", "424242", "labId" },
        { "maxConcurrency", "-1", "maxConcurrency" },
        { "rateLimitPerSecond", "-5", "rateLimitPerSecond" },
        { "timeoutSeconds", "0", "timeoutSeconds" },
        { "method", "\"DELETE\"", "method" },
        { "payload", """{"format":"Liquid","template":"{{ patient.firstName ","contentType":"text/plain"}""", "payload.template" },
        { "payload", """{"format":"Liquid","template":"{\"name\": {{ patient.firstName }} }","contentType":"application/json"}""", "payload.template" },
        { "payload", """{"format":"Liquid","template":"{{ patient.fistName }}","contentType":"text/plain"}""", "payload.template" },
        { "auth", """{"kind":"OAuth2ClientCredentials","clientId":"a"}""", "auth.clientSecret" },
        { "attachments", """["report_pdf"]""", "attachments[0]" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Invalid_configuration_is_rejected_naming_the_field_and_nothing_is_written(string property, string json, string field)
    {
        var body = Valid();
        body[property] = JsonNode.Parse(json);
        var response = await Hub.Client.PostAsJsonAsync("/api/integrations", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem["errors"]![field] is not null, $"errors should name '{field}': {problem.ToJsonString()}");
        var list = await (await Hub.Client.GetAsync("/api/integrations")).ReadJsonAsync();
        Assert.Empty(list.AsArray());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await Hub.Client.PostAsync("/api/integrations", new StringContent("{\"labId\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", (await response.ReadJsonAsync())["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_integration_is_created_read_updated_and_deleted_over_http()
    {
        var client = Hub.Client;
        var created = await client.PostOkAsync("/api/integrations", Valid());
        var id = created["id"]!.GetValue<long>();

        var update = Valid();
        update["name"] = "City EMR v2";
        update["active"] = false;
        update["rateLimitPerSecond"] = 2.5;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/integrations/{id}", update)).StatusCode);
        var read = await (await client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync();
        Assert.Equal("City EMR v2", read["name"]!.GetValue<string>());
        Assert.False(read["active"]!.GetValue<bool>());
        Assert.Equal(2.5, read["rateLimitPerSecond"]!.GetValue<double>());

        var bad = Valid();
        bad["url"] = "mailto:x@example.org";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/integrations/{id}", bad)).StatusCode);
        Assert.Equal("City EMR v2", (await (await client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync())["name"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/integrations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/integrations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/integrations/{id}")).StatusCode);
    }

    [Fact]
    public async Task Secrets_are_write_only_and_a_masked_value_sent_back_keeps_the_stored_secret()
    {
        var client = Hub.Client;
        var body = Valid();
        body["auth"] = new JsonObject { ["kind"] = "Basic", ["username"] = "lab", ["password"] = "pa55-word" };
        var created = await client.PostOkAsync("/api/integrations", body);
        var id = created["id"]!.GetValue<long>();
        Assert.Equal("********", created["auth"]!["password"]!.GetValue<string>());

        var echoed = (await (await client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync()).AsObject();
        echoed["name"] = "Renamed";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/integrations/{id}", echoed)).StatusCode);

        var stored = await Hub.Services.GetRequiredService<IntegrationHub.Storage.IIntegrationConfigStore>().GetAsync(id, CancellationToken.None);
        Assert.Equal("pa55-word", stored!.Auth.Password);
        Assert.Equal("Renamed", stored.Name);
    }

    [Fact]
    public async Task The_action_catalog_lists_the_stable_ids()
    {
        var actions = (await (await Hub.Client.GetAsync("/api/actions")).ReadJsonAsync()).AsArray();
        var ids = actions.Select(a => (a!["id"]!.GetValue<int>(), a["name"]!.GetValue<string>(), a["family"]!.GetValue<string>())).ToList();
        Assert.Contains((57, "PatientRegistration", "Patient"), ids);
        Assert.Contains((1, "BillGeneration", "Billing"), ids);
        Assert.Contains((58, "PatientUpdate", "Patient"), ids);
        Assert.Contains((12, "SampleReceive", "Sample"), ids);
        Assert.Contains((15, "ReportSigned", "Report"), ids);
    }

    [Fact]
    public async Task The_openapi_document_is_published()
    {
        var doc = await (await Hub.Client.GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/logs/{id}/retry", paths);
        Assert.Contains("/api/integrations", paths);
    }
}
