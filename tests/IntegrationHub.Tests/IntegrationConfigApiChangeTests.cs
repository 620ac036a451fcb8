using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integrations;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Infrastructure.Backends;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests;

/// <summary>
/// Configuration changes against the cache, on a clock that stands still: a cached integration
/// expires only when the test moves the clock, so whatever is read at once was dropped by a change notice.
/// </summary>
public sealed class IntegrationConfigApiChangeTests : HubTest
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private long _lab;
    private int _patients;

    protected override TimeProvider Time => _time;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("CHANGE");
    }

    /// <summary>Registers a patient and waits for every delivery; answers the paths the partner received them on.</summary>
    private async Task<List<string>> DeliverAsync()
    {
        var before = Sink.Requests.Count;
        var (_, logIds) = await Hub.Client.RegisterPatientAsync(_lab, $"CHG-{++_patients}");
        foreach (var id in logIds)
        {
            await Hub.Client.WaitForStatusAsync(id, "Success");
        }

        return [.. Sink.Requests.Skip(before).Select(r => r.Path).Order(StringComparer.Ordinal)];
    }

    private async Task EditAsync(long id, Action<JsonObject> edit)
    {
        var body = (await (await Hub.Client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync()).AsObject();
        edit(body);
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", body)).StatusCode);
    }

    [Fact]
    public async Task An_edit_through_the_api_is_used_by_the_very_next_delivery()
    {
        var id = await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/v1"));
        Assert.Equal(["/v1"], await DeliverAsync());

        await EditAsync(id, body => body["url"] = Sink.Url("/v2"));
        Assert.Equal(["/v2"], await DeliverAsync());

        var second = await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/second"));
        Assert.Equal(["/second", "/v2"], await DeliverAsync());

        await EditAsync(second, body => body["active"] = false);
        Assert.Equal(["/v2"], await DeliverAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await Hub.Client.DeleteAsync($"/api/integrations/{id}")).StatusCode);
        var (_, logIds) = await Hub.Client.RegisterPatientAsync(_lab, $"CHG-{++_patients}");
        Assert.Empty(logIds);
    }

    [Fact]
    public async Task A_change_written_past_the_cache_is_read_once_published_and_otherwise_once_the_cache_expires()
    {
        var id = await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/v1"));
        Assert.Equal(["/v1"], await DeliverAsync());

        // As another process sharing the database would write it.
        var backend = TestBackend.Current.StoredIntegrations(Hub.Services);
        async Task WritePastTheCacheAsync(string path)
        {
            var stored = (await backend.GetAsync(id, CancellationToken.None))!;
            stored.Url = Sink.Url(path);
            Assert.True(await backend.UpdateAsync(stored, CancellationToken.None));
        }

        await WritePastTheCacheAsync("/v2");
        Assert.Equal(["/v1"], await DeliverAsync());
        await Hub.Services.GetRequiredService<IConfigurationChanges>().PublishAsync(id, CancellationToken.None);
        Assert.Equal(["/v2"], await DeliverAsync());

        await WritePastTheCacheAsync("/v3");
        Assert.Equal(["/v2"], await DeliverAsync());
        _time.Advance(CachingIntegrationConfigStore.Lifetime);
        Assert.Equal(["/v3"], await DeliverAsync());
    }
}
