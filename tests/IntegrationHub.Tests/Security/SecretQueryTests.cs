using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>A partner that takes its key in the URL: secret query parameters are sent, but masked, encrypted and write-only everywhere else.</summary>
public sealed class SecretQueryTests : HubTest
{
    private const string Key = "query-key-0123456789";

    [Fact]
    public async Task A_secret_query_parameter_reaches_the_partner_and_nowhere_else()
    {
        var lab = await Hub.Client.CreateLabAsync("QUERY");
        var id = await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/q?tenant=7"), new { secretQuery = new Dictionary<string, string> { ["api_key"] = Key } });
        var logId = (await Hub.Client.RegisterPatientAsync(lab, "Q-1")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Success");

        var received = Sink.RequestsTo("/q").Single().Query;
        Assert.Equal(Key, received["api_key"]);
        Assert.Equal("7", received["tenant"]);

        var detail = await (await Hub.Client.GetAsync($"/api/logs/{logId}")).Content.ReadAsStringAsync();
        Assert.Contains("api_key=********", detail, StringComparison.Ordinal);
        var shown = (await Hub.Client.GetFromJsonAsync<JsonObject>($"/api/integrations/{id}"))!;
        Assert.Equal("********", shown["secretQuery"]!["api_key"]!.GetValue<string>());
        Assert.Equal(0, await Hub.CountStoredIntegrationsContainingAsync(Key));
        Assert.Equal(0, await Hub.CountAttemptsContainingAsync(Key) + await Hub.CountQueuedTasksContainingAsync(Key));

        // The mask sent back keeps the key; a new host needs it again.
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", shown)).StatusCode);
        shown["url"] = "https://elsewhere.example/q";
        var moved = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", shown);
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.NotNull((await moved.ReadJsonAsync())["errors"]!["secretQuery.api_key"]);
    }

    [Fact]
    public async Task A_credential_left_in_the_url_is_masked_for_everyone_but_admins_and_in_logs()
    {
        var lab = await Hub.Client.CreateLabAsync("URLKEY");
        var id = await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url($"/u?token={Key}&site=3"));
        var logId = (await Hub.Client.RegisterPatientAsync(lab, "U-1")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Success");

        using var viewer = await Hub.ClientForAsync("Viewer", "*");
        using var operatorClient = await Hub.ClientForAsync("Operator", "*");
        foreach (var client in new[] { viewer, operatorClient })
        {
            var url = (await client.GetFromJsonAsync<JsonObject>($"/api/integrations/{id}"))!["url"]!.GetValue<string>();
            Assert.EndsWith("/u?token=********&site=3", url, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Key, await (await operatorClient.GetAsync($"/api/logs/{logId}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
