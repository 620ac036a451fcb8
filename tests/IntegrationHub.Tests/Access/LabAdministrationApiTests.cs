using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Access;

/// <summary>PUT /api/labs/{id}: a lab is renamed by an admin over every lab, audited; its code stays; bad input changes nothing.</summary>
public sealed class LabAdministrationApiTests : HubTest
{
    [Fact]
    public async Task An_admin_over_every_lab_renames_a_lab_its_code_stays_and_the_change_is_audited()
    {
        var lab = await Hub.Client.CreateLabAsync("RENAME");

        var renamed = await Hub.Client.PutAsJsonAsync($"/api/labs/{lab}", new { name = "  Renamed Diagnostics  " });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var listed = (await (await Hub.Client.GetAsync("/api/labs")).ReadJsonAsync()).AsArray().Single(l => l!["id"]!.GetValue<long>() == lab)!;
        Assert.Equal(("Renamed Diagnostics", "RENAME"), (listed["name"]!.GetValue<string>(), listed["code"]!.GetValue<string>()));
        Assert.Contains("lab.renamed", await Hub.Client.GetStringAsync("/api/audit?limit=5"), StringComparison.Ordinal);

        var blank = await Hub.Client.PutAsJsonAsync($"/api/labs/{lab}", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("name", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Hub.Client.PutAsJsonAsync("/api/labs/999999", new { name = "Nobody" })).StatusCode);
        Assert.Equal("Renamed Diagnostics", (await (await Hub.Client.GetAsync("/api/labs")).ReadJsonAsync()).AsArray().Single(l => l!["id"]!.GetValue<long>() == lab)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_admin_of_one_lab_cannot_rename_it()
    {
        var lab = await Hub.Client.CreateLabAsync("SCOPED");
        var key = (await Hub.Client.PostOkAsync("/api/keys", new { name = "scoped-admin", role = "Admin", labs = lab.ToString(System.Globalization.CultureInfo.InvariantCulture) }))["key"]!.GetValue<string>();
        using var scoped = Hub.Anonymous();
        scoped.DefaultRequestHeaders.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.PutAsJsonAsync($"/api/labs/{lab}", new { name = "Mine now" })).StatusCode);
    }
}
