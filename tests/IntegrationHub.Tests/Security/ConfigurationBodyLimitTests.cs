using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Security;

/// <summary>The hub's configuration routes read at most 1 MiB, like the lab's JSON routes, instead of Kestrel's 30 MB.</summary>
public sealed class ConfigurationBodyLimitTests : HubTest
{
    [Theory]
    [InlineData("/api/integrations")]
    [InlineData("/api/users")]
    [InlineData("/api/keys")]
    public async Task A_configuration_body_over_one_mebibyte_is_refused_with_413_and_nothing_is_written(string path)
    {
        var json = $$"""{"name":"{{new string('n', 2 * 1024 * 1024)}}","labId":1,"actionId":57,"url":"https://partner.example/in"}""";

        var answer = await Hub.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)answer.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        Assert.Contains("At most 1048576 bytes", text, StringComparison.Ordinal);
        Assert.Empty((await Hub.Client.GetFromJsonAsync<JsonArray>("/api/integrations"))!);
        Assert.Single((await Hub.Client.GetFromJsonAsync<JsonArray>("/api/users"))!);
    }
}
