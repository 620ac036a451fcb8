using System.Net;
using System.Net.Sockets;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

/// <summary>The server as a real child process that cannot start: a short reason on stderr, an exit code, no stack trace.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private static readonly Dictionary<string, string> NoSettings = [];
    private readonly TempDataFolder _data = new("hub-startup");

    public void Dispose() => _data.Dispose();

    private static void AssertShortReason(ServerExit exit, int exitCode, params string[] named)
    {
        var stderr = string.Join('\n', exit.StandardError);
        Assert.True(exit.ExitCode == exitCode, $"exit code {exit.ExitCode}, stderr: {stderr}");
        Assert.InRange(exit.StandardError.Count, 1, 3);
        Assert.All(named, n => Assert.Contains(n, stderr, StringComparison.Ordinal));
        Assert.DoesNotContain(exit.StandardError.Concat(exit.StandardOutput), line => line.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_is_named_in_a_line_or_two_and_the_exit_code_is_one()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var exit = await ServerProcess.RunUntilExitAsync(_data.Path, NoSettings, ["--urls", $"http://127.0.0.1:{port}"]);

        AssertShortReason(exit, 1, $"port {port}", "already in use", "--urls");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    public async Task A_bad_worker_count_is_named_with_where_to_fix_it_and_the_exit_code_is_two(string value)
    {
        var exit = await ServerProcess.RunUntilExitAsync(_data.Path, NoSettings, [$"--IntegrationHub:WorkerCount={value}"]);

        AssertShortReason(exit, 2, "IntegrationHub:WorkerCount", "IntegrationHub__WorkerCount");
    }

    [Fact]
    public async Task A_retry_base_delay_longer_than_the_max_delay_is_refused_naming_both_keys()
    {
        var exit = await ServerProcess.RunUntilExitAsync(_data.Path, NoSettings, ["--IntegrationHub:RetryBaseDelay=00:20:00", "--IntegrationHub:RetryMaxDelay=00:10:00"]);

        AssertShortReason(exit, 2, "IntegrationHub:RetryBaseDelay", "IntegrationHub:RetryMaxDelay");
    }

    [Fact]
    public async Task An_unknown_storage_provider_is_named_with_the_known_ones_and_the_exit_code_is_two()
    {
        var exit = await ServerProcess.RunUntilExitAsync(_data.Path, NoSettings, ["--IntegrationHub:Storage:Provider=Oracle"]);

        AssertShortReason(exit, 2, "IntegrationHub:Storage:Provider", "'Oracle'", "Sqlite");
        Assert.False(File.Exists(Path.Combine(_data.Path, "hub.db")), "nothing is created for a start that cannot happen");
    }

    [Fact]
    public async Task An_unknown_log_store_is_named_with_the_known_ones_and_the_exit_code_is_two()
    {
        var exit = await ServerProcess.RunUntilExitAsync(_data.Path, NoSettings, ["--IntegrationHub:Logs:Provider=Cassandra"]);

        AssertShortReason(exit, 2, "IntegrationHub:Logs:Provider", "'Cassandra'", "MongoDb");
    }

    [Fact]
    public async Task MongoDb_logs_without_a_connection_string_are_refused_naming_the_key()
    {
        var exit = await ServerProcess.RunUntilExitAsync(_data.Path, NoSettings, ["--IntegrationHub:Logs:Provider=MongoDb"]);

        AssertShortReason(exit, 2, "IntegrationHub:Logs:ConnectionString", "MongoDb");
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_created_is_named_and_the_exit_code_is_one()
    {
        var file = Path.Combine(_data.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "");
        var folder = Path.Combine(file, "data");

        var exit = await ServerProcess.RunUntilExitAsync(_data.Path, new Dictionary<string, string> { ["IntegrationHub__DataFolder"] = folder }, []);

        AssertShortReason(exit, 1, folder, "IntegrationHub:DataFolder");
    }

    [Fact]
    public async Task A_misspelt_key_is_warned_about_with_the_intended_key_and_the_server_still_starts()
    {
        var settings = new Dictionary<string, string>
        {
            ["IntegrationHub__WorkerCont"] = "8",
            ["IntegrationHub__Webhooks__PermitsPerMinute"] = "600",
            ["IntegrationHub__Destinations__Allow__1"] = "partner.example:443",
        };
        using var server = await ServerProcess.StartAsync(_data.Path, settings);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/labs")).StatusCode);

        await HubApi.WaitUntilAsync(() => server.Output.Any(l => l.Contains("IntegrationHub:WorkerCont ", StringComparison.Ordinal)), what: "the warning");
        var warning = server.Output.Single(l => l.Contains("IntegrationHub:WorkerCont ", StringComparison.Ordinal));
        Assert.Contains("did you mean IntegrationHub:WorkerCount?", warning, StringComparison.Ordinal);
        Assert.Single(server.Output, l => l.Contains("Unknown setting", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Output, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.Equal(0, await server.StopAsync());
    }
}
