using System.Net;
using System.Net.Sockets;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class FailureClassTests : IAsyncLifetime
{
    private HubTestServer _hub = null!;
    private TestSink _sink = null!;
    private long _lab;

    public async Task InitializeAsync()
    {
        _hub = await HubTestServer.StartAsync();
        _sink = await TestSink.StartAsync();
        _lab = await _hub.Client.CreateLabAsync("FAILS");
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _sink.DisposeAsync();
    }

    private static string ErrorClass(System.Text.Json.Nodes.JsonNode log) => log["log"]!["state"]!["lastAttempt"]!["error"]!["class"]!.GetValue<string>();

    [Fact]
    public async Task A_partner_slower_than_the_timeout_fails_as_a_timeout()
    {
        _sink.Responder = async _ =>
        {
            await Task.Delay(3000);
            return SinkResponse.Ok("{}");
        };
        await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/slow"), new { timeoutSeconds = 1, maxAttempts = 1 });
        var logId = (await _hub.Client.RegisterPatientAsync(_lab, "T1")).LogIds.Single();
        var log = await _hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal("Timeout", ErrorClass(log));
    }

    [Fact]
    public async Task A_closed_port_fails_as_a_connection_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await _hub.Client.CreateIntegrationAsync(_lab, 57, $"http://127.0.0.1:{port}/nobody", new { maxAttempts = 1 });
        var logId = (await _hub.Client.RegisterPatientAsync(_lab, "C1")).LogIds.Single();
        var log = await _hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal("Connection", ErrorClass(log));
    }

    [Fact]
    public async Task A_deleted_integration_fails_its_queued_delivery_as_configuration()
    {
        var gate = new TaskCompletionSource();
        _sink.Responder = async _ =>
        {
            await gate.Task;
            return SinkResponse.Ok("{}");
        };
        var blocker = await _hub.Client.CreateIntegrationAsync(_lab, 57, _sink.Url("/blocker"), new { maxConcurrency = 1 });
        var first = (await _hub.Client.RegisterPatientAsync(_lab, "D1")).LogIds.Single();
        await HubApi.WaitUntilAsync(() => _sink.Requests.Count == 1, what: "the first delivery to be in flight");
        var second = (await _hub.Client.RegisterPatientAsync(_lab, "D2")).LogIds.Single();
        Assert.Equal(HttpStatusCode.NoContent, (await _hub.Client.DeleteAsync($"/api/integrations/{blocker}")).StatusCode);
        gate.SetResult();

        await _hub.Client.WaitForStatusAsync(first, "Success");
        var log = await _hub.Client.WaitForStatusAsync(second, "Fail");
        Assert.Equal("Configuration", ErrorClass(log));
    }
}
