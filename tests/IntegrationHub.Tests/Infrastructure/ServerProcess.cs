using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IntegrationHub.Tests.Infrastructure.Backends;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// The server as a real child process (the same dll as <c>dotnet run</c>), on a free loopback port,
/// storing in the backend <c>HUB_TEST_BACKEND</c> names (its arguments come first, so a test's own win).
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ServerProcess(Process process, ConcurrentQueue<string> output, HttpClient client)
    {
        _process = process;
        _output = output;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>Every line the server wrote so far, stdout and stderr.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static Task<ServerProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartOnAsync(TestBackend.Current, dataFolder, environment, arguments);

    /// <summary>Starts the server on the given backend, whatever <c>HUB_TEST_BACKEND</c> names (a test that needs one backend).</summary>
    public static async Task<ServerProcess> StartOnAsync(TestBackend backend, string dataFolder, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var port = FreePort();
        var output = new ConcurrentQueue<string>();
        var storage = await backend.PrepareServerAsync(dataFolder);
        var process = Start(dataFolder, environment, ["--urls", $"http://127.0.0.1:{port}", .. storage, .. arguments], output, output);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Add("X-Api-Key", HubTestServer.AdminApiKey);
        var server = new ServerProcess(process, output, client);
        try
        {
            await server.WaitUntilServingAsync();
            return server;
        }
        catch
        {
            // A server that did not come up in time may still come up later: it must not outlive the test.
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Polls until the server answers; generous, as a cold start of a child process on a loaded
    /// two-core machine (other builds, benchmarks) has been seen to take well over 30 s.
    /// </summary>
    private async Task WaitUntilServingAsync()
    {
        const int seconds = 120;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                // Answered by every role, once the schema is in place and the host has started.
                if ((await Client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(_process.HasExited, $"the server exited with {(_process.HasExited ? _process.ExitCode : 0)}: {string.Join('\n', _output)}");
            Assert.True(DateTime.UtcNow < deadline, $"the server did not start within {seconds} s: {string.Join('\n', _output)}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Runs the server until it exits by itself (a start that fails), at most <paramref name="seconds"/>;
    /// <paramref name="arguments"/> name the address when they hold <c>--urls</c>, else a free port is used.
    /// </summary>
    public static async Task<ServerExit> RunUntilExitAsync(string dataFolder, IReadOnlyDictionary<string, string> environment, string[] arguments, int seconds = 60)
    {
        string[] urls = arguments.Contains("--urls") ? [] : ["--urls", $"http://127.0.0.1:{FreePort()}"];
        var (stdout, stderr) = (new ConcurrentQueue<string>(), new ConcurrentQueue<string>());
        var storage = await TestBackend.Current.PrepareServerAsync(dataFolder);
        using var process = Start(dataFolder, environment, [.. urls, .. storage, .. arguments], stdout, stderr);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"the server did not exit within {seconds} s; stderr: {string.Join('\n', stderr)}");
        }

        process.WaitForExit(); // the output events are drained once this returns
        return new ServerExit(process.ExitCode, [.. stdout], [.. stderr]);
    }

    private static Process Start(string dataFolder, IReadOnlyDictionary<string, string> environment, string[] arguments, ConcurrentQueue<string> stdout, ConcurrentQueue<string> stderr)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Server.dll"), .. arguments])
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
        process.OutputDataReceived += (_, e) => Keep(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        static void Keep(ConcurrentQueue<string> lines, string? line)
        {
            if (line is not null)
            {
                lines.Enqueue(line);
            }
        }
    }

    /// <summary>SIGTERM, as a service manager stops it: a graceful shutdown; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
