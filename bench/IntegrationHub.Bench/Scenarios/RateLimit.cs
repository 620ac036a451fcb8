using System.Diagnostics;
using IntegrationHub.Actions;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// The rate limit where the partner sees it: deliveries to an integration limited to N/s, on a
/// freshly started hub, timed at the sink's first byte. Reported: the most arrivals in any sliding
/// second (the promise is at most N) and the rate achieved, beside the same deliveries unlimited.
/// </summary>
internal static class RateLimit
{
    public sealed record Result(string Case, int Deliveries, int MostInOneSecond, double PerSecond, string Ledger);

    public static async Task<Result> RunAsync(BenchSink sink, int count, double ratePerSecond, int answerMs, int workers)
    {
        sink.Reset();
        sink.DelayMs = answerMs;
        await using var host = await ProductHost.CreateAsync(workers: workers, start: true);
        var lab = await host.CreateLabAsync("RATE");
        await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/rate", i => (i.RateLimitPerSecond, i.MaxConcurrency) = (ratePerSecond, 16));
        await host.BulkAsync(lab, count, "RL");
        var finished = await host.WaitFinishedAsync(count, TimeSpan.FromMinutes(10));
        var arrivals = sink.Arrivals();
        var most = 0;
        for (var i = 0; i < arrivals.Count; i++)
        {
            var j = i;
            while (j < arrivals.Count && Stopwatch.GetElapsedTime(arrivals[i], arrivals[j]) < TimeSpan.FromSeconds(1))
            {
                j++;
            }

            most = Math.Max(most, j - i);
        }

        var span = arrivals.Count > 1 ? Stopwatch.GetElapsedTime(arrivals[0], arrivals[^1]).TotalSeconds : 0;
        var name = ratePerSecond > 0 ? $"{ratePerSecond:0}/s, partner answers in {answerMs} ms" : $"no limit, partner answers in {answerMs} ms";
        return new Result(name, count, most, span > 0 ? (arrivals.Count - 1) / span : 0, finished ? host.Ledger(count, sink) : "VOID (unfinished)");
    }
}
