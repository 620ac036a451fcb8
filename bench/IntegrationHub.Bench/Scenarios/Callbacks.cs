using System.Diagnostics;
using System.Text;
using IntegrationHub.Actions;
using IntegrationHub.Webhooks;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// Partner callbacks through HTTP: signed Standard Webhooks requests to POST /api/webhooks/{id},
/// each verified, parsed, matched to its delivery, recorded on it, and logged as an inbound call.
/// </summary>
internal static class Callbacks
{
    public sealed record Result(double PerSecond, List<double> LatenciesMs, string Ledger);

    public static async Task<Result> RunAsync(BenchSink sink, int count, int concurrency)
    {
        sink.Reset();
        await using var host = await ProductHost.CreateAsync(workers: concurrency, start: true);
        var lab = await host.CreateLabAsync("CALLBACK");
        var secret = WebhookSignature.NewSecret();
        var integration = await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/callbacks", i => i.Webhooks.InboundSecrets.Add(secret));
        await host.BulkAsync(lab, count, "CB");
        await host.WaitFinishedAsync(count, TimeSpan.FromMinutes(10));
        var deliveries = DeliveryIds(host);
        WebhookSignature.TryReadKey(secret, out var key);

        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { BaseAddress = new Uri(host.BaseUrl) };
        var latencies = new double[deliveries.Count];
        var refused = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < deliveries.Count)
            {
                var body = Encoding.UTF8.GetBytes($$"""{"status":"acked","deliveryId":"msg_{{deliveries[i]}}"}""");
                var webhookId = $"cb_{i}";
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{integration.Id}") { Content = new ByteArrayContent(body) };
                request.Headers.Add(WebhookSignature.IdHeader, webhookId);
                request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(key, webhookId, timestamp, body));
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }));
        var perSecond = deliveries.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;

        var recorded = host.Scalar("SELECT COUNT(*) FROM hub_acknowledgement");
        var logged = host.Scalar("SELECT COUNT(*) FROM hub_log WHERE direction = 'Inbound' AND action_name = 'Partner webhook: ACKED'");
        var ledger = recorded == count && logged == count && refused == 0 && deliveries.Count == count
            ? "balanced" : $"VOID (deliveries {deliveries.Count}, recorded {recorded}, logged {logged}, refused {refused}, expected {count})";
        return new Result(perSecond, [.. latencies], ledger);
    }

    private static List<string> DeliveryIds(ProductHost host)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.Folder, "hub.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM hub_log WHERE direction = 'Outbound' ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
