using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

public sealed class SessionRevocationTests : HubTest
{
    private const string Password = "a long enough pw";

    private async Task<DashboardSession> SignedInAsync(string userName, string role = "Operator", string labs = "*")
    {
        await Hub.Client.PostOkAsync("/api/users", new { userName, password = Password, role, labs });
        var browser = new DashboardSession(Hub.BaseUrl);
        Assert.True(await browser.SignInAsync(userName, Password));
        return browser;
    }

    private static async Task AssertAcceptedAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/labs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/logs")).StatusCode);
    }

    private static async Task AssertRefusedAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/labs")).StatusCode);
        var page = await client.GetAsync("/logs");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> ChangeAsync(string userName, object change) => Hub.Client.PutAsJsonAsync($"/api/users/{userName}", change);

    [Fact]
    public async Task A_copied_cookie_is_refused_once_its_user_signs_out_and_a_new_sign_in_works()
    {
        using var browser = await SignedInAsync("ward.clerk");
        using var copy = browser.CopyOfCookies();
        await AssertAcceptedAsync(copy);

        var signedOut = await browser.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await AssertRefusedAsync(copy);
        await AssertRefusedAsync(browser.Client);
        Assert.True(await browser.SignInAsync("ward.clerk", Password));
        await AssertAcceptedAsync(browser.Client);
        await AssertRefusedAsync(copy);
    }

    [Fact]
    public async Task Signing_out_in_one_browser_ends_the_sessions_of_the_other_browsers_too()
    {
        using var first = await SignedInAsync("two.browsers");
        using var second = new DashboardSession(Hub.BaseUrl);
        Assert.True(await second.SignInAsync("two.browsers", Password));

        await first.SignOutAsync();

        await AssertRefusedAsync(second.Client);
        var audit = await (await Hub.Client.GetAsync("/api/audit")).Content.ReadAsStringAsync();
        Assert.Contains("user.signed-out", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_cookie_is_refused_after_a_password_change_and_the_new_password_signs_in()
    {
        using var browser = await SignedInAsync("lab.tech");
        using var copy = browser.CopyOfCookies();

        var changed = await ChangeAsync("lab.tech", new { password = "another long password" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True((await changed.ReadJsonAsync())["sessionsEnded"]!.GetValue<bool>());

        await AssertRefusedAsync(copy);
        await AssertRefusedAsync(browser.Client);
        using var fresh = new DashboardSession(Hub.BaseUrl);
        Assert.False(await fresh.SignInAsync("lab.tech", Password));
        Assert.True(await fresh.SignInAsync("lab.tech", "another long password"));
        await AssertAcceptedAsync(fresh.Client);
    }

    [Fact]
    public async Task Enabling_a_disabled_user_again_does_not_revive_the_old_cookie()
    {
        using var browser = await SignedInAsync("locum");
        using var copy = browser.CopyOfCookies();

        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync("locum", new { disabled = true })).StatusCode);
        await AssertRefusedAsync(copy);
        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync("locum", new { disabled = false })).StatusCode);

        await AssertRefusedAsync(copy);
        using var fresh = new DashboardSession(Hub.BaseUrl);
        Assert.True(await fresh.SignInAsync("locum", Password));
        await AssertAcceptedAsync(fresh.Client);
    }

    [Theory]
    [InlineData("Viewer", "*")]
    [InlineData("Operator", "1")]
    public async Task A_change_of_role_or_labs_refuses_the_copied_cookie(string role, string labs)
    {
        using var browser = await SignedInAsync("moved.staff", "Operator", "*");
        using var copy = browser.CopyOfCookies();

        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync("moved.staff", new { role, labs })).StatusCode);

        await AssertRefusedAsync(copy);
        using var fresh = new DashboardSession(Hub.BaseUrl);
        Assert.True(await fresh.SignInAsync("moved.staff", Password));
        await AssertAcceptedAsync(fresh.Client);
    }

    [Fact]
    public async Task A_put_without_disabled_keeps_a_disabled_user_disabled_and_changes_only_what_it_names()
    {
        await Hub.Client.PostOkAsync("/api/users", new { userName = "left.lab", password = Password, role = "Operator", labs = "1" });
        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync("left.lab", new { disabled = true })).StatusCode);

        var changed = await (await ChangeAsync("left.lab", new { role = "Viewer" })).ReadJsonAsync();
        Assert.True(changed["disabled"]!.GetValue<bool>());
        Assert.Equal("Viewer", changed["role"]!.GetValue<string>());
        Assert.Equal("1", changed["labs"]!.GetValue<string>());
        using var browser = new DashboardSession(Hub.BaseUrl);
        Assert.False(await browser.SignInAsync("left.lab", Password));

        var listed = (await (await Hub.Client.GetAsync("/api/users")).ReadJsonAsync()).AsArray().Single(u => u!["userName"]!.GetValue<string>() == "left.lab")!;
        Assert.True(listed["disabled"]!.GetValue<bool>());
        Assert.True((await Hub.UserAsync("left.lab")).Disabled);
    }

    [Fact]
    public async Task A_put_that_changes_nothing_leaves_the_session_alone()
    {
        using var browser = await SignedInAsync("steady", "Operator", "*");

        var same = await (await ChangeAsync("steady", new { role = "Operator", labs = "*", disabled = false })).ReadJsonAsync();

        Assert.False(same["sessionsEnded"]!.GetValue<bool>());
        await AssertAcceptedAsync(browser.Client);
    }

    [Fact]
    public async Task An_admin_who_changes_their_own_password_in_the_dashboard_stays_signed_in_there_only()
    {
        using var admin = new DashboardSession(Hub.BaseUrl);
        Assert.True(await admin.SignInAsync("admin", HubTestServer.AdminPassword));
        using var copy = admin.CopyOfCookies();

        var saved = await admin.PostFormAsync("/admin/access", "/admin/access?handler=UpdateUser", new Dictionary<string, string>
        {
            ["userName"] = "admin",
            ["role"] = "Admin",
            ["labs"] = "*",
            ["disabled"] = "false",
            ["password"] = "a brand new admin password",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await AssertAcceptedAsync(admin.Client);
        await AssertRefusedAsync(copy);
    }

    [Fact]
    public async Task A_bad_field_in_a_put_is_refused_by_name_and_changes_nothing()
    {
        await Hub.Client.PostOkAsync("/api/users", new { userName = "careful", password = Password, role = "Viewer", labs = "1" });

        var answer = await ChangeAsync("careful", new { labs = "1,x", disabled = true });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("\"labs\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await Hub.UserAsync("careful")).Disabled);
        Assert.Equal(HttpStatusCode.NotFound, (await ChangeAsync("nobody.here", new { disabled = true })).StatusCode);
    }
}
