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
        Assert.Equal(0, hub.Scalar($"SELECT COUNT(*) FROM hub_user WHERE password_hash LIKE '%{password}%'"));
    }

    [Fact]
    public async Task A_configured_password_creates_the_admin_and_writes_no_file()
    {
        await using var hub = await HubTestServer.StartAsync();
        Assert.False(File.Exists(Path.Combine(hub.DataFolder, "bootstrap-admin-password.txt")));
        using var session = new DashboardSession(hub.BaseUrl);
        Assert.True(await session.SignInAsync("admin", HubTestServer.AdminPassword));
    }
}
