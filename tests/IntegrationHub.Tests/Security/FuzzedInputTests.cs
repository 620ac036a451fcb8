using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Security;

/// <summary>Inputs a fuzzer found answering 500: each is now a 4xx that names the problem, with nothing changed.</summary>
public sealed class FuzzedInputTests : HubTest
{
    private long _lab;
    private long _patient;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("FUZZ");
        (_patient, _) = await Hub.Client.RegisterPatientAsync(_lab, "FUZZ-1");
    }

    private JsonObject Integration(string part, JsonNode? value) => new()
    {
        ["labId"] = _lab, ["actionId"] = 57, ["name"] = "Fuzzed", ["url"] = Sink.Url("/fuzz"), [part] = value,
    };

    private Task<int> PatientsAsync() => Hub.LabAsync(db => db.Patients.CountAsync());

    private Task<int> LabsAsync() => Hub.LabAsync(db => db.Labs.CountAsync());

    private Task<int> BillsAsync() => Hub.LabAsync(db => db.Bills.CountAsync());

    private async Task<int> IntegrationsAsync() => (await Hub.StoredIntegrationsAsync()).Count;

    private async Task<int> UsersAsync() => (await Hub.UsersAsync()).Count;

    private async Task<(int Patients, int Labs, int Integrations, int Users)> CountsAsync() =>
        (await PatientsAsync(), await LabsAsync(), await IntegrationsAsync(), await UsersAsync());

    [Theory]
    [InlineData("/api/labs/{lab}/patients", """{"mrn":"CS-1","firstName":"A","lastName":"B"}""")]
    [InlineData("/api/labs", """{"name":"Charset","code":"CS"}""")]
    [InlineData("/api/integrations", """{"labId":1,"actionId":57,"name":"n","url":"http://partner.example/"}""")]
    [InlineData("/api/users", """{"userName":"charset","password":"0123456789abc","role":"Viewer","labs":"*"}""")]
    public async Task An_unknown_charset_on_a_json_route_is_a_415_naming_the_header_and_changes_nothing(string path, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=foo");
        var before = await CountsAsync();

        var response = await Hub.Client.PostAsync(path.Replace("{lab}", _lab.ToString()), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["Content-Type"]);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("headers")]
    [InlineData("auth")]
    [InlineData("payload")]
    [InlineData("attachments")]
    [InlineData("secretHeaders")]
    [InlineData("webhooks")]
    public async Task A_null_part_of_an_integration_means_absent_on_create_and_on_update(string part)
    {
        var created = await Hub.Client.PostAsJsonAsync("/api/integrations", Integration(part, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<long>();

        var updated = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", Integration(part, null));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = await (await Hub.Client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync();
        Assert.Equal("None", read["auth"]!["kind"]!.GetValue<string>());
        Assert.Equal("CanonicalJson", read["payload"]!["format"]!.GetValue<string>());
        Assert.Empty(read["attachments"]!.AsArray());
    }

    [Theory]
    [InlineData("secretHeaders", "[null]", "secretHeaders[0]")]
    [InlineData("attachments", "[null]", "attachments[0]")]
    [InlineData("headers", """{"X-Partner":null}""", "headers.X-Partner")]
    public async Task A_null_inside_a_part_of_an_integration_is_a_400_naming_where(string part, string json, string field)
    {
        var response = await Hub.Client.PostAsJsonAsync("/api/integrations", Integration(part, JsonNode.Parse(json)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
        Assert.Equal(0, await IntegrationsAsync());
    }

    [Theory]
    [InlineData("""[{"testCode":"A","quantity":2147483647,"unitPrice":79228162514264337593543950335}]""", "items[0].unitPrice")]
    [InlineData("""[{"testCode":"A","quantity":2147483647,"unitPrice":1000}]""", "items[0]")]
    [InlineData("""[{"testCode":"A","quantity":1,"unitPrice":999999999999},{"testCode":"B","quantity":1,"unitPrice":999999999999}]""", "items")]
    [InlineData("null", "items")]
    [InlineData("[null]", "items[0]")]
    public async Task A_bill_whose_items_are_missing_or_whose_amounts_overflow_is_a_400_naming_the_item(string items, string field)
    {
        var body = new JsonObject { ["patientId"] = _patient, ["items"] = JsonNode.Parse(items) };

        var response = await Hub.Client.PostAsJsonAsync($"/api/labs/{_lab}/bills", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
        Assert.Equal(0, await BillsAsync());
    }

    [Fact]
    public async Task A_user_with_a_non_ascii_name_is_created_with_a_usable_location()
    {
        var response = await Hub.Client.PostAsJsonAsync("/api/users", new { userName = "jürgen", password = "0123456789abc", role = "Viewer", labs = "*" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/users/j%C3%BCrgen", response.Headers.Location!.OriginalString);
        var update = await Hub.Client.PutAsJsonAsync(response.Headers.Location.OriginalString, new { role = "Operator", labs = "*" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("jürgen", (await update.ReadJsonAsync())["userName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("to=0001-01-01T00:00:00Z", HttpStatusCode.BadRequest)]
    [InlineData("to=0001-01-01T05:00:00Z", HttpStatusCode.OK)]
    [InlineData("from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.9999999Z", HttpStatusCode.OK)]
    [InlineData("from=9999-12-31T23:59:59.9999999Z", HttpStatusCode.BadRequest)]
    [InlineData("from=9999-12-31T23:59:59Z&to=9999-12-31T23:59:59.9999999Z", HttpStatusCode.OK)]
    public async Task Extreme_stats_windows_answer_a_window_or_a_400(string query, HttpStatusCode status)
    {
        var response = await Hub.Client.GetAsync($"/api/stats?{query}");

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.NotNull((await response.ReadJsonAsync())["errors"]!["from"]);
        }
    }
}
