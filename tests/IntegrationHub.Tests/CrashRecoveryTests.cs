using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

/// <summary>The server as a real child process, killed with SIGKILL mid-delivery and started again on the same data.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "hub-crash", Guid.NewGuid().ToString("N"));
    private TestSink _sink = null!;
    private Process? _server;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        _sink = await TestSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Stop();
        await _sink.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<HttpClient> StartServerAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Server.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = _dataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["IntegrationHub__DataFolder"] = _dataFolder;
        start.Environment["IntegrationHub__LeaseMargin"] = "00:00:01";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/api/actions")).IsSuccessStatusCode)
                {
                    return client;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_server.HasExited)
            {
            }

            Assert.False(_server.HasExited, $"the server exited with {(_server.HasExited ? _server.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < deadline, "the server did not start within 30 s");
            await Task.Delay(100);
        }
    }

    private void Stop()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server?.Dispose();
        _server = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Tasks_queued_before_a_sigkill_are_all_delivered_after_restart()
    {
        _sink.Responder = async _ =>
        {
            await Task.Delay(300);
            return SinkResponse.Ok("{}");
        };
        var client = await StartServerAsync();
        var lab = await client.CreateLabAsync("CRASH");
        await client.CreateIntegrationAsync(lab, 57, _sink.Url("/slow-partner"), new { timeoutSeconds = 2, maxConcurrency = 2 });
        var logIds = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            logIds.AddRange((await client.RegisterPatientAsync(lab, $"CR-{i}")).LogIds);
        }

        await HubApi.WaitUntilAsync(() => _sink.Requests.Count >= 2, what: "deliveries to be in flight");
        Stop(); // SIGKILL: no graceful shutdown, leases left behind
        var deliveredBeforeKill = _sink.Requests.Select(r => r.Header("X-Hub-Delivery-Id")).Distinct().Count();
        Assert.True(deliveredBeforeKill < logIds.Count, "the kill should interrupt the backlog");

        client = await StartServerAsync();
        foreach (var id in logIds)
        {
            var log = await client.WaitForStatusAsync(id, "Success", seconds: 60);
            Assert.Equal("Success", log.Status());
        }

        var received = _sink.Requests.Select(r => r.Header("X-Hub-Delivery-Id")).ToHashSet();
        Assert.All(logIds, id => Assert.Contains(id, received));
        var page = await (await client.GetAsync($"/api/logs?labId={lab}&direction=Outbound&status=Queued")).ReadJsonAsync();
        Assert.Empty(page["items"]!.AsArray());
        var retrying = await (await client.GetAsync($"/api/logs?labId={lab}&direction=Outbound&status=Retrying")).ReadJsonAsync();
        Assert.Empty(retrying["items"]!.AsArray());
    }
}
