using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>The server as a real child process (the same dll as <c>dotnet run</c>), on a free loopback port.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<ServerProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Server.dll"), "--urls", $"http://127.0.0.1:{port}", .. arguments])
        {
            WorkingDirectory = dataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["IntegrationHub__DataFolder"] = dataFolder;
        start.Environment["HUB_BOOTSTRAP_API_KEY"] = HubTestServer.AdminApiKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["IntegrationHub__Destinations__Allow__0"] = "127.0.0.0/8";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Add("X-Api-Key", HubTestServer.AdminApiKey);
        var server = new ServerProcess(process, client);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await server.Client.GetAsync("/api/actions")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            Assert.False(process.HasExited, $"the server exited with {(process.HasExited ? process.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < deadline, "the server did not start within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, leases and half-written work left behind.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        Client.Dispose();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
