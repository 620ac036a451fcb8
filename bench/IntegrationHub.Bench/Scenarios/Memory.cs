using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Actions;
using IntegrationHub.Lab.Pdf;
using IntegrationHub.Lab.Services;
using IntegrationHub.Retries;
using IntegrationHub.Storage;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// Peak RSS of the server process (the bench starts itself as a child so the sink and the
/// baselines are not counted): a long delivery run, and a run with large report PDFs.
/// </summary>
internal static class Memory
{
    public sealed record Result(double IdleMb, double PeakMb, double DeliveriesPerSecond, long MaxQueuedTaskBytes, long PdfBytes, string Ledger);

    public static async Task<Result> InChildAsync(string mode, string sinkUrl, int count, int megabytes)
    {
        var self = Environment.GetCommandLineArgs()[0];
        var start = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal)
            ? new ProcessStartInfo(Environment.ProcessPath, [self, mode, sinkUrl, count.ToString(), megabytes.ToString()])
            : new ProcessStartInfo(Environment.ProcessPath, [mode, sinkUrl, count.ToString(), megabytes.ToString()]);
        start.RedirectStandardOutput = true;
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"memory child failed ({child.ExitCode}): {output}");
        return JsonSerializer.Deserialize<Result>(line["RESULT ".Length..])!;
    }

    /// <summary>Child: deliver <paramref name="deliveries"/> to the parent's sink and report this process's RSS.</summary>
    public static async Task<Result> DeliveriesAsync(string sinkUrl, int deliveries)
    {
        await using var host = await ProductHost.CreateAsync(workers: 16, start: true);
        var idle = RssMb("VmRSS");
        var lab = await host.CreateLabAsync("MEM");
        await host.AddIntegrationAsync(lab, ActionId.PatientRegistration, $"{sinkUrl}/memory");
        // Bulk uploads of 1,000 patients, 2 at a time, while the workers deliver.
        var started = Stopwatch.GetTimestamp();
        var chunks = (deliveries + 999) / 1000;
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= chunks)
            {
                await host.BulkAsync(lab, Math.Min(1000, deliveries - ((n - 1) * 1000)), $"M{n}");
            }
        })));
        var finished = await host.WaitFinishedAsync(deliveries, TimeSpan.FromMinutes(20));
        var rate = deliveries / Stopwatch.GetElapsedTime(started).TotalSeconds;
        var success = host.Scalar("SELECT COUNT(*) FROM hub_log WHERE direction = 'Outbound' AND status = 'Success'");
        return new Result(idle, RssMb("VmHWM"), rate, host.Scalar("SELECT IFNULL(MAX(LENGTH(task)), 0) FROM hub_queue"), 0,
            finished && success == deliveries ? "balanced" : $"VOID (success {success} of {deliveries})");
    }

    /// <summary>Child: send <paramref name="reports"/> signed reports with <paramref name="megabytes"/> MB PDFs and report RSS and queued task size.</summary>
    public static async Task<Result> PdfsAsync(string sinkUrl, int reports, int megabytes)
    {
        await using var host = await ProductHost.CreateAsync(workers: 16, start: true);
        var idle = RssMb("VmRSS");
        var lab = await host.CreateLabAsync("PDF");
        // First delivered to a closed port (one attempt, FAIL), then re-sent by manual retry once the big PDFs are in place.
        // Signed with two secrets (a rotation): the worst case, each body is streamed through two HMACs before it is sent.
        var integration = await host.AddIntegrationAsync(lab, ActionId.ReportSigned, "http://127.0.0.1:9/closed", i =>
        {
            i.Attachments = [ActionCatalog.ReportPdf];
            i.Webhooks.SigningSecrets = [Webhooks.WebhookSignature.NewSecret(), Webhooks.WebhookSignature.NewSecret()];
        });
        var logIds = new List<string>();
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var reportsService = scope.ServiceProvider.GetRequiredService<ReportService>();
            for (var i = 0; i < reports; i++)
            {
                var patient = await host.RegisterAsync(lab, $"PDF-{i}");
                var report = await reportsService.CreateAsync(lab, new ReportInput { PatientId = patient.Entity.Id, Title = "Imaging" }, CancellationToken.None);
                logIds.AddRange((await reportsService.SignAsync(lab, report.Id, new SignInput("Dr. Bench"), CancellationToken.None))!.DeliveryLogIds);
                var big = new byte[megabytes * 1024 * 1024];
                Random.Shared.NextBytes(big);
                "%PDF-1.4\n"u8.CopyTo(big);
                "\n%%EOF\n"u8.CopyTo(big.AsSpan(big.Length - 7));
                await host.App.Services.GetRequiredService<ReportPdfStore>().SaveAsync(lab, report.Id, big, CancellationToken.None);
            }
        }

        await host.WaitFinishedAsync(reports, TimeSpan.FromMinutes(2));
        integration.Url = $"{sinkUrl}/pdf";
        await host.App.Services.GetRequiredService<IIntegrationConfigStore>().UpdateAsync(integration, CancellationToken.None);
        long maxTask = 0;
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var retries = scope.ServiceProvider.GetRequiredService<ManualRetryService>();
            foreach (var id in logIds)
            {
                await retries.RetryAsync(id, "bench", CancellationToken.None);
                maxTask = Math.Max(maxTask, host.Scalar("SELECT IFNULL(MAX(LENGTH(task)), 0) FROM hub_queue"));
            }
        }

        var started = Stopwatch.GetTimestamp();
        while (host.Scalar("SELECT COUNT(*) FROM hub_log WHERE direction = 'Outbound' AND status = 'Success'") < reports && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(5))
        {
            maxTask = Math.Max(maxTask, host.Scalar("SELECT IFNULL(MAX(LENGTH(task)), 0) FROM hub_queue"));
            await Task.Delay(20);
        }

        var success = host.Scalar("SELECT COUNT(*) FROM hub_log WHERE direction = 'Outbound' AND status = 'Success'");
        return new Result(idle, RssMb("VmHWM"), 0, maxTask, megabytes * 1024L * 1024, success == reports ? "balanced" : $"VOID (success {success} of {reports})");
    }

    private static double RssMb(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
