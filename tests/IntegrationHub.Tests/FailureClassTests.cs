using System.Net;
using System.Net.Sockets;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class FailureClassTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("FAILS");
    }

    private static string ErrorClass(System.Text.Json.Nodes.JsonNode log) => log["log"]!["state"]!["lastAttempt"]!["error"]!["class"]!.GetValue<string>();

    [Fact]
    public async Task A_partner_slower_than_the_timeout_fails_as_a_timeout()
    {
        Sink.Responder = async _ =>
        {
            await Task.Delay(3000);
            return SinkResponse.Ok("{}");
        };
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/slow"), new { timeoutSeconds = 1, maxAttempts = 1 });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "T1")).LogIds.Single();
        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal("Timeout", ErrorClass(log));
    }

    [Fact]
    public async Task A_closed_port_fails_as_a_connection_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await Hub.Client.CreateIntegrationAsync(_lab, 57, $"http://127.0.0.1:{port}/nobody", new { maxAttempts = 1 });
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "C1")).LogIds.Single();
        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal("Connection", ErrorClass(log));
    }

    [Fact]
    public async Task A_deleted_integration_fails_its_queued_delivery_as_configuration()
    {
        var gate = new TaskCompletionSource();
        Sink.Responder = async _ =>
        {
            await gate.Task;
            return SinkResponse.Ok("{}");
        };
        var blocker = await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/blocker"), new { maxConcurrency = 1 });
        var first = (await Hub.Client.RegisterPatientAsync(_lab, "D1")).LogIds.Single();
        await HubApi.WaitUntilAsync(() => Sink.Requests.Count == 1, what: "the first delivery to be in flight");
        var second = (await Hub.Client.RegisterPatientAsync(_lab, "D2")).LogIds.Single();
        Assert.Equal(HttpStatusCode.NoContent, (await Hub.Client.DeleteAsync($"/api/integrations/{blocker}")).StatusCode);
        gate.SetResult();

        await Hub.Client.WaitForStatusAsync(first, "Success");
        var log = await Hub.Client.WaitForStatusAsync(second, "Fail");
        Assert.Equal("Configuration", ErrorClass(log));
    }
}
