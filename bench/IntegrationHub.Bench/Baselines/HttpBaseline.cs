using System.Diagnostics;
using System.Text;

namespace IntegrationHub.Bench.Baselines;

/// <summary>B_http: raw HttpClient POSTs of the same payload to the same sink at the same concurrency: the ceiling of delivery here.</summary>
internal static class HttpBaseline
{
    public static async Task<double> RequestsPerSecondAsync(BenchSink sink, string payload, int concurrency, int requests)
    {
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        var next = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, sink.Url + "/baseline") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Job-Id", Guid.NewGuid().ToString("N"));
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
            }
        }));
        return requests / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
