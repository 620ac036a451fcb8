using System.Diagnostics;
using IntegrationHub.Actions;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>Trigger -> queue -> worker -> dispatcher -> sink -> SUCCESS log, with producers running concurrently.</summary>
internal static class EndToEnd
{
    public sealed record Result(double DeliveriesPerSecond, double CommitsPerDelivery, double StatementsPerDelivery, string Ledger);

    /// <param name="postgres">A PostgreSQL database to run on instead of SQLite; its statements and commits are read from pg_stat_statements.</param>
    /// <param name="mongo">A MongoDB-wire engine for the logs: the run ends once every log is final and brought over by the relay.</param>
    public static async Task<Result> RunAsync(BenchSink sink, int integrationsPerAction, int deliveries, int workers, int producers = 4, string? postgres = null, string? mongo = null)
    {
        sink.Reset();
        await using var host = await ProductHost.CreateAsync(workers, start: true, countStatements: postgres is null && mongo is null, postgres: postgres, mongo: mongo);
        var lab = await host.CreateLabAsync("E2E");
        for (var i = 0; i < integrationsPerAction; i++)
        {
            await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/e2e/{i}");
        }

        var events = deliveries / integrationsPerAction;
        var expected = (long)events * integrationsPerAction;
        var before = host.Counters.Snapshot();
        var asked = postgres is null ? null : PostgresCounters.Read(postgres);
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
        if (mongo is not null)
        {
            finished &= await host.WaitProjectedAsync(TimeSpan.FromMinutes(10));
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var total = postgres is null ? null : PostgresCounters.Read(postgres) - asked!;
        var after = host.Counters.Snapshot();
        var ledger = finished ? host.Ledger(expected, sink) : "VOID (timed out)";
        return total is null
            ? new Result(expected / seconds, (after.Commits - before.Commits) / (double)expected, (after.Statements - before.Statements) / (double)expected, ledger)
            : new Result(expected / seconds, total.Commits / (double)expected, total.Statements / (double)expected, ledger);
    }
}
