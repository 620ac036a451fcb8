using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Actions;
using IntegrationHub.Logs.MongoDb;
using MongoDB.Bson;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// Logs in a MongoDB-wire store beside SQLite, against the same run without: end to end
/// deliveries/s, the relay's lag (business commit -> the log is in the document store, where
/// pages and statistics read it), and
/// the dashboard's page and stats over the logs the run made, on each.
/// </summary>
internal static class MongoLogs
{
    public sealed record Result(
        EndToEnd.Result Without, EndToEnd.Result With, long StoredLogs, IReadOnlyList<double> LagMs,
        double PageP95Without, double PageP95With, double StatsP95Without, double StatsP95With);

    public static async Task<Result> RunAsync(BenchSink sink, int deliveries, int lagSamples, int readSamples, string mongo)
    {
        var without = await EndToEnd.RunAsync(sink, 1, deliveries, 16);
        var with = await EndToEnd.RunAsync(sink, 1, deliveries, 16, mongo: mongo);

        sink.Reset();
        await using var host = await ProductHost.CreateAsync(16, start: true, mongo: mongo);
        var lab = await host.CreateLabAsync("LAG");
        var integration = await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/lag");
        await host.BulkAsync(lab, deliveries, "L");
        await host.WaitFinishedAsync(deliveries, TimeSpan.FromMinutes(10));
        await host.WaitProjectedAsync(TimeSpan.FromMinutes(10));
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ProductHost.ApiKey);
        var documents = host.App.Services.GetRequiredService<MongoDbLogStore>();
        var lag = new List<double>();
        for (var i = 0; i < lagSamples; i++)
        {
            var logId = (await host.RegisterAsync(lab, $"LAG-{i}")).DeliveryLogIds[0];
            // The document store's own copy: GET /api/logs/{id} answers from the storage until it is there.
            var committed = Stopwatch.GetTimestamp();
            while (await documents.GetAsync(logId, CancellationToken.None) is null)
            {
                await Task.Delay(1);
            }

            lag.Add(Stopwatch.GetElapsedTime(committed).TotalMilliseconds);
        }

        var stored = await host.App.Services.GetRequiredService<MongoDbLogDatabase>().Logs.CountDocumentsAsync(new BsonDocument());
        var (pageWith, statsWith) = await ReadsAsync(client, integration.Id, readSamples);

        await using var plain = await ProductHost.CreateAsync(16, start: true);
        var plainLab = await plain.CreateLabAsync("LAG");
        var plainIntegration = await plain.AddIntegrationAsync(plainLab, ActionId.PatientRegistration, $"{sink.Url}/lag");
        await plain.BulkAsync(plainLab, deliveries + lagSamples, "L");
        await plain.WaitFinishedAsync(deliveries + lagSamples, TimeSpan.FromMinutes(10));
        using var plainClient = new HttpClient { BaseAddress = new Uri(plain.BaseUrl) };
        plainClient.DefaultRequestHeaders.Add("X-Api-Key", ProductHost.ApiKey);
        var (pageWithout, statsWithout) = await ReadsAsync(plainClient, plainIntegration.Id, readSamples);
        return new Result(without, with, stored, lag, pageWithout, pageWith, statsWithout, statsWith);
    }

    // Page (integration, Success, 24 h, 50 newest) and stats (24 h) p95 through the API, after 5 warm-up calls.
    private static async Task<(double Page, double Stats)> ReadsAsync(HttpClient client, long integrationId, int samples)
    {
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-24).ToString("O", CultureInfo.InvariantCulture));
        var page = new List<double>();
        var stats = new List<double>();
        for (var i = -5; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            (await client.GetAsync($"/api/logs?integrationId={integrationId}&status=Success&from={from}&limit=50")).EnsureSuccessStatusCode();
            var pageMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            (await client.GetAsync($"/api/stats?from={from}")).EnsureSuccessStatusCode();
            if (i >= 0)
            {
                page.Add(pageMs);
                stats.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return (Stats.Percentile(page, 95), Stats.Percentile(stats, 95));
    }
}
