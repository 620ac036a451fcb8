using System.Diagnostics;
using IntegrationHub.Actions;
using IntegrationHub.Lab.Families;
using IntegrationHub.Lab.Services;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// Latency of the business call on an engine whose workers are not running (so only the write
/// path is measured, as Hangfire's Enqueue is measured without its server).
/// </summary>
internal static class TriggerLatency
{
    public sealed record Result(List<double> RaiseMs, List<double> RegisterMs);

    public static async Task<Result> RunAsync(BenchSink sink, int integrations, int calls, string? postgres = null)
    {
        await using var host = await ProductHost.CreateAsync(workers: 1, start: false, postgres: postgres);
        var lab = await host.CreateLabAsync("TRIG");
        for (var i = 0; i < integrations; i++)
        {
            await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sink.Url}/trigger/{i}");
        }

        var patient = (await host.RegisterAsync(lab, "T-0")).Entity.Id;
        var raise = new List<double>(calls);
        var register = new List<double>(calls);
        for (var i = -50; i < calls; i++)
        {
            // Trigger alone: the family's common function and the commit, for an existing patient.
            var started = Stopwatch.GetTimestamp();
            await using (var scope = host.App.Services.CreateAsyncScope())
            {
                var family = scope.ServiceProvider.GetRequiredService<PatientFamily>();
                await scope.ServiceProvider.GetRequiredService<LabUnitOfWork>().RunAsync(
                    ct => family.RaiseAsync(ActionId.PatientRegistration, lab, patient, "api", ct), CancellationToken.None);
            }

            var raised = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            // The whole business call: validate, insert the patient, trigger, commit.
            started = Stopwatch.GetTimestamp();
            await host.RegisterAsync(lab, $"T-{i + 100}");
            var registered = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 0)
            {
                raise.Add(raised);
                register.Add(registered);
            }
        }

        return new Result(raise, register);
    }
}
