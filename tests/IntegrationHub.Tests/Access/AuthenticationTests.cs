using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Access;

public sealed class AuthenticationTests : HubTest
{
    [Theory]
    [InlineData("GET", "/api/actions")]
    [InlineData("GET", "/api/labs")]
    [InlineData("GET", "/api/logs")]
    [InlineData("GET", "/api/logs/0193a0b0c0d0e0f0a0b0c0d0e0f0a0b0")]
    [InlineData("GET", "/api/integrations")]
    [InlineData("GET", "/api/stats")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/users")]
    [InlineData("POST", "/api/labs")]
    [InlineData("POST", "/api/labs/1/patients")]
    [InlineData("POST", "/api/logs/retry-bulk")]
    [InlineData("GET", "/openapi/v1.json")]
    public async Task Every_api_route_refuses_a_caller_without_credentials(string method, string path)
    {
        using var anonymous = Hub.Anonymous();
        var answer = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/logs")]
    [InlineData("/integrations")]
    [InlineData("/timeline")]
    [InlineData("/admin/audit")]
    public async Task Every_dashboard_page_sends_an_anonymous_visitor_to_sign_in(string path)
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Hub.Client.BaseAddress };
        var answer = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/login", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_and_a_revoked_key_are_refused()
    {
        using var wrong = Hub.Anonymous();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "ihk_not-a-real-key-000000000000000000000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/labs")).StatusCode);

        var created = await Hub.Client.PostOkAsync("/api/keys", new { name = "lims", role = "Viewer", labs = "*" });
        using var client = Hub.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", created["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/labs")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Hub.Client.DeleteAsync($"/api/keys/{created["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/labs")).StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_as_hashes_and_listed_by_prefix_only()
    {
        var created = await Hub.Client.PostOkAsync("/api/keys", new { name = "billing-partner", role = "Operator", labs = "1" });
        var key = created["key"]!.GetValue<string>();
        Assert.StartsWith("ihk_", key, StringComparison.Ordinal);

        var listed = await (await Hub.Client.GetAsync("/api/keys")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Contains(key[..10], listed, StringComparison.Ordinal);
        var stored = await Hub.ApiKeysAsync();
        Assert.Equal(0, stored.Count(k => k.KeyHash == key || k.Prefix == key));
        Assert.Equal(1, stored.Count(k => k.Name == "billing-partner" && k.KeyHash.Length == 64));
    }

    [Fact]
    public async Task A_user_signs_in_with_a_hashed_password_and_the_session_needs_antiforgery_to_change_anything()
    {
        await Hub.Client.PostOkAsync("/api/users", new { userName = "nurse.joy", password = "correct horse battery", role = "Operator", labs = "*" });
        Assert.Equal(0, (await Hub.UsersAsync()).Count(u => u.PasswordHash.Contains("correct horse", StringComparison.OrdinalIgnoreCase)));

        using var browser = new DashboardSession(Hub.BaseUrl);
        Assert.False(await browser.SignInAsync("nurse.joy", "wrong password!!"));
        Assert.True(await browser.SignInAsync("nurse.joy", "correct horse battery"));
        Assert.Contains("HttpOnly", browser.SessionCookieHeader, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SameSite=Strict", browser.SessionCookieHeader, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/logs")).StatusCode);
        var forged = await browser.Client.PostAsJsonAsync("/api/labs/1/patients", new { mrn = "X", firstName = "A", lastName = "B" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_disabled_user_loses_the_session_at_once()
    {
        await Hub.Client.PostOkAsync("/api/users", new { userName = "temp.staff", password = "a long enough pw", role = "Viewer", labs = "*" });
        using var browser = new DashboardSession(Hub.BaseUrl);
        Assert.True(await browser.SignInAsync("temp.staff", "a long enough pw"));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/labs")).StatusCode);

        var disable = await Hub.Client.PutAsJsonAsync("/api/users/temp.staff", new { role = "Viewer", labs = "*", disabled = true });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/api/labs")).StatusCode);
    }

    [Theory]
    [InlineData("a", "long enough password", "Viewer", "*", "user")]
    [InlineData("someone", "short", "Viewer", "*", "user")]
    [InlineData("someone", "long enough password", "Root", "*", "role")]
    [InlineData("someone", "long enough password", "Viewer", "1,x", "labs")]
    public async Task A_bad_user_is_refused_with_the_field_named_and_nothing_created(string userName, string password, string role, string labs, string field)
    {
        var answer = await Hub.Client.PostAsJsonAsync("/api/users", new { userName, password, role, labs });
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains($"\"{field}\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await Hub.UsersAsync());
    }
}
