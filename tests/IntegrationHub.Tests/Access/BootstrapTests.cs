using System.Net;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Access;

public sealed class BootstrapTests
{
    [Fact]
    public async Task Without_a_configured_password_the_first_admin_gets_a_generated_one_in_an_owner_only_file()
    {
        await using var hub = await HubTestServer.StartAsync(new Dictionary<string, string?> { ["IntegrationHub:Security:AdminPassword"] = "" });
        var file = Path.Combine(hub.DataFolder, "bootstrap-admin-password.txt");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var password = (await File.ReadAllTextAsync(file)).Trim();
        Assert.True(password.Length >= 20);

        using var session = new DashboardSession(hub.BaseUrl);
        Assert.True(await session.SignInAsync("admin", password));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/api/users")).StatusCode);
        Assert.Equal(0, (await hub.UsersAsync()).Count(u => u.PasswordHash.Contains(password, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_configured_password_creates_the_admin_and_writes_no_file()
    {
        await using var hub = await HubTestServer.StartAsync();
        Assert.False(File.Exists(Path.Combine(hub.DataFolder, "bootstrap-admin-password.txt")));
        using var session = new DashboardSession(hub.BaseUrl);
        Assert.True(await session.SignInAsync("admin", HubTestServer.AdminPassword));
    }

    [Fact]
    public async Task A_revoked_bootstrap_key_stays_revoked_across_restarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-tests", Guid.NewGuid().ToString("N"));
        var first = await HubTestServer.StartAsync(dataFolder: folder);
        first.KeepDataFolder = true;
        var bootstrapKey = (await first.ApiKeysAsync()).First(k => k.Name == "bootstrap").Id;
        using (var session = new DashboardSession(first.BaseUrl))
        {
            Assert.True(await session.SignInAsync("admin", HubTestServer.AdminPassword));
            var revoke = await session.PostFormAsync("/admin/access", $"/admin/access?handler=RevokeKey&keyId={bootstrapKey}", []);
            Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.Client.GetAsync("/api/labs")).StatusCode);
        await first.DisposeAsync();

        await using var second = await HubTestServer.StartAsync(dataFolder: folder);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.Client.GetAsync("/api/labs")).StatusCode);
        Assert.Equal(1, (await second.ApiKeysAsync()).Count(k => k.Name == "bootstrap" && k.RevokedAt is not null));
    }
}
