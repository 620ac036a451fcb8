using System.Diagnostics;
using IntegrationHub.Actions;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>A backlog queued while the workers are stopped, drained once they start.</summary>
internal static class Drain
{
    /// <param name="signed">Sign every delivery (Standard Webhooks, one secret), as integrations created through the API do.</param>
    public static async Task<(double PerSecond, string Ledger)> RunAsync(BenchSink sink, int backlog, int workers, bool signed = false)
    {
        sink.Reset();
        await using var host = await ProductHost.CreateAsync(workers, start: false);
        var lab = await host.CreateLabAsync("DRAIN");
        await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/drain", i =>
        {
            if (signed)
            {
                i.Webhooks.SigningSecrets = [IntegrationHub.Webhooks.WebhookSignature.NewSecret()];
            }
        });
        await host.BulkAsync(lab, backlog, "D");
        var started = Stopwatch.GetTimestamp();
        await host.StartAsync();
        var finished = await host.WaitFinishedAsync(backlog, TimeSpan.FromMinutes(10));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (backlog / seconds, finished ? host.Ledger(backlog, sink) : "VOID (timed out)");
    }
}
