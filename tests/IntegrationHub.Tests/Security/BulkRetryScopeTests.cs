using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

public sealed class BulkRetryScopeTests : HubTest
{
    private long _labA;
    private long _labB;
    private HttpClient _adminA = null!;
    private HttpClient _adminB = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _labA = await Hub.Client.CreateLabAsync("SCOPE-A");
        _labB = await Hub.Client.CreateLabAsync("SCOPE-B");
        _adminA = await Hub.ClientForAsync("Admin", $"{_labA}");
        _adminB = await Hub.ClientForAsync("Admin", $"{_labB}");
    }

    public override async Task DisposeAsync()
    {
        _adminA.Dispose();
        _adminB.Dispose();
        await base.DisposeAsync();
    }

    private static async Task<string> StartAsync(HttpClient client, string query = "")
    {
        var started = await client.PostAsync($"/api/logs/retry-bulk{query}", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return (await started.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    private static async Task<HttpStatusCode> ReadAsync(HttpClient client, string jobId) =>
        (await client.GetAsync($"/api/logs/retry-bulk/{jobId}")).StatusCode;

    [Fact]
    public async Task A_job_of_one_lab_is_hidden_from_an_admin_of_another_lab_exactly_as_an_unknown_id()
    {
        var jobB = await StartAsync(_adminB);

        Assert.Equal(HttpStatusCode.OK, await ReadAsync(_adminB, jobB));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(Hub.Client, jobB));
        var hidden = await _adminA.GetAsync($"/api/logs/retry-bulk/{jobB}");
        var unknown = await _adminA.GetAsync("/api/logs/retry-bulk/0193a0b0c0d0e0f0a0b0c0d0e0f0a0b0");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        JsonNode Shape(JsonNode problem) => new JsonObject { ["status"] = problem["status"]!.DeepClone(), ["title"] = problem["title"]!.DeepClone() };
        Assert.Equal(Shape(await unknown.ReadJsonAsync()).ToJsonString(), Shape(await hidden.ReadJsonAsync()).ToJsonString());
        Assert.DoesNotContain("SCOPE-B", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_is_seen_only_by_scopes_that_cover_every_lab_its_filter_reaches()
    {
        var ofLabB = await StartAsync(Hub.Client, $"?labId={_labB}");
        var ofEveryLab = await StartAsync(Hub.Client);
        using var both = await Hub.ClientForAsync("Admin", $"{_labA},{_labB}");

        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(_adminA, ofLabB));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(_adminB, ofLabB));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(both, ofLabB));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(_adminA, ofEveryLab));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(_adminB, ofEveryLab));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(both, ofEveryLab));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(Hub.Client, ofEveryLab));
    }

    [Fact]
    public async Task The_dashboard_progress_page_hides_another_labs_job_too()
    {
        var jobB = await StartAsync(_adminB);
        await Hub.Client.PostOkAsync("/api/users", new { userName = "admin.a", password = "a long enough pw", role = "Admin", labs = $"{_labA}" });
        await Hub.Client.PostOkAsync("/api/users", new { userName = "admin.b", password = "a long enough pw", role = "Admin", labs = $"{_labB}" });
        using var browserA = new DashboardSession(Hub.BaseUrl);
        using var browserB = new DashboardSession(Hub.BaseUrl);
        Assert.True(await browserA.SignInAsync("admin.a", "a long enough pw"));
        Assert.True(await browserB.SignInAsync("admin.b", "a long enough pw"));

        Assert.Equal(HttpStatusCode.NotFound, (await browserA.Client.GetAsync($"/logs/bulk-retry/{jobB}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browserB.Client.GetAsync($"/logs/bulk-retry/{jobB}")).StatusCode);
    }
}
