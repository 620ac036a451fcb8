using IntegrationHub.Lab.Services;
using IntegrationHub.Web.Sandbox;

namespace IntegrationHub.Server;

/// <summary>
/// <c>--demo</c> keeps a little traffic flowing, so the overview, the charts and the timeline have
/// something to show from the first minute: every <c>IntegrationHub:Demo:TrafficEverySeconds</c>
/// (default 15; 0 turns it off) one business event in the demo lab, in turn a new patient, a bill,
/// a received sample and a signed report. The registry partner is sometimes slow and the reports
/// partner fails now and then (its retry then succeeds); the insurer stays down, as seeded.
/// </summary>
internal static partial class DemoTraffic
{
    public const string EverySecondsKey = "IntegrationHub:Demo:TrafficEverySeconds";

    public const int DefaultEverySeconds = 15;

    private static readonly string[] FirstNames = ["Meera", "Arjun", "Kavya", "Rohan", "Ishita", "Dev", "Ananya", "Kabir"];

    private static readonly string[] LastNames = ["Iyer", "Nair", "Menon", "Kapoor", "Bose", "Reddy", "Sen", "Pillai"];

    public static async Task RunAsync(IServiceProvider services, long labId, TimeSpan every, ILogger logger, CancellationToken stopping)
    {
        var random = new Random(2026);
        var sandbox = services.GetRequiredService<SandboxReceiver>();
        using var timer = new PeriodicTimer(every);
        for (var tick = 0; await Wait(timer, stopping); tick++)
        {
            try
            {
                // The registry answers slowly now and then; the reports partner refuses one report in three once.
                sandbox.Channel("registry")?.Configure(new SandboxBehavior { DelayMs = random.Next(4) == 0 ? 1500 : random.Next(50, 300) });
                await using var scope = services.CreateAsyncScope();
                await RaiseAsync(scope.ServiceProvider, labId, tick, random, sandbox, stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store outage or a refused input stops nothing: the next tick tries again.
                LogTickFailed(logger, e);
            }
        }
    }

    private static async Task RaiseAsync(IServiceProvider sp, long labId, int tick, Random random, SandboxReceiver sandbox, CancellationToken ct)
    {
        var patients = sp.GetRequiredService<PatientService>();
        var mrn = $"DEMO-{100 + tick:D3}";
        var patient = await patients.RegisterAsync(labId, new PatientInput { Mrn = mrn, FirstName = FirstNames[random.Next(FirstNames.Length)], LastName = LastNames[random.Next(LastNames.Length)], Sex = random.Next(2) == 0 ? "F" : "M" }, "demo", ct);
        var patientId = patient.Entity.Id;
        switch (tick % 4)
        {
            case 1:
                await sp.GetRequiredService<BillingService>().GenerateAsync(labId, new BillInput { PatientId = patientId, Items = [new BillItemInput("TSH", "Thyroid stimulating hormone", 1, 350m + random.Next(0, 400))] }, ct);
                break;
            case 2:
                var samples = sp.GetRequiredService<SampleService>();
                var sample = await samples.CreateAsync(labId, new SampleInput { PatientId = patientId, Type = "Blood" }, ct);
                await samples.ReceiveAsync(labId, sample.Id, ct);
                break;
            case 3:
                if (random.Next(3) == 0)
                {
                    sandbox.Channel("city-emr-reports")?.Configure(new SandboxBehavior { FailNext = 1, FailStatus = 502 });
                }

                var reports = sp.GetRequiredService<ReportService>();
                var report = await reports.CreateAsync(labId, new ReportInput { PatientId = patientId, Title = "Thyroid profile", Findings = "TSH 2.1 mIU/L.\nWithin normal limits." }, ct);
                await reports.SignAsync(labId, report.Id, new SignInput("Dr. Demo"), ct);
                break;
        }
    }

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo traffic: this tick's event was not raised; the next tick tries again.")]
    private static partial void LogTickFailed(ILogger logger, Exception e);
}
