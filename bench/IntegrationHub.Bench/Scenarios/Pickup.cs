using System.Diagnostics;
using IntegrationHub.Actions;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>Idle engine: the business transaction commits -> the first byte reaches the sink.</summary>
internal static class Pickup
{
    /// <param name="postgres">A PostgreSQL database instead of SQLite (the wake is then LISTEN/NOTIFY's).</param>
    public static async Task<List<double>> RunAsync(BenchSink sink, int samples, string? postgres = null)
    {
        sink.Reset();
        await using var host = await ProductHost.CreateAsync(workers: 16, start: true, postgres: postgres);
        var lab = await host.CreateLabAsync("PICK");
        await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/pickup");
        var latencies = new List<double>(samples);
        for (var i = -10; i < samples; i++)
        {
            var logId = (await host.RegisterAsync(lab, $"P-{i + 10}")).DeliveryLogIds[0];
            var committed = host.Clock.LastCommit;
            long arrived;
            while (!sink.TryGetArrival(logId, out arrived))
            {
                await Task.Delay(1);
            }

            if (i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(committed, arrived).TotalMilliseconds);
            }

            await host.WaitFinishedAsync(i + 11, TimeSpan.FromSeconds(30));
            await Task.Delay(20); // idle again before the next sample
        }

        return latencies;
    }
}
