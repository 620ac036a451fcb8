using System.Diagnostics;
using IntegrationHub.Actions;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>Trigger -> queue -> worker -> dispatcher -> sink -> SUCCESS log, with producers running concurrently.</summary>
internal static class EndToEnd
{
    public sealed record Result(double DeliveriesPerSecond, double CommitsPerDelivery, double StatementsPerDelivery, string Ledger);

    public static async Task<Result> RunAsync(BenchSink sink, int integrationsPerAction, int deliveries, int workers, int producers = 4)
    {
        sink.Reset();
        await using var host = await ProductHost.CreateAsync(workers, start: true, countStatements: true);
        var lab = await host.CreateLabAsync("E2E");
        for (var i = 0; i < integrationsPerAction; i++)
        {
            await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/e2e/{i}");
        }

        var events = deliveries / integrationsPerAction;
        var expected = (long)events * integrationsPerAction;
        var before = host.Counters.Snapshot();
        var started = Stopwatch.GetTimestamp();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= events)
            {
                await host.RegisterAsync(lab, $"E-{n}");
            }
        })));
        var finished = await host.WaitFinishedAsync(expected, TimeSpan.FromMinutes(10));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = host.Counters.Snapshot();
        var ledger = finished ? host.Ledger(expected, sink) : "VOID (timed out)";
        return new Result(expected / seconds, (after.Commits - before.Commits) / (double)expected, (after.Statements - before.Statements) / (double)expected, ledger);
    }
}
