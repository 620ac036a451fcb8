using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Services;
using IntegrationHub.Storage;
using IntegrationHub.Web.Sandbox;
using IntegrationHub.Webhooks;

namespace IntegrationHub.Server;

/// <summary>
/// <c>--demo</c>: a demo lab whose integrations point at the built-in sandbox partner, and a few
/// business events, so a newcomer sees deliveries (one partner always fails) at once.
/// </summary>
internal static class DemoSeeder
{
    /// <summary>Seeds the demo lab unless it exists; its id, and whether it was seeded now (a first run).</summary>
    public static async Task<(long LabId, bool Seeded)> SeedAsync(IServiceProvider services, string baseUrl)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var labs = sp.GetRequiredService<LabService>();
        if ((await labs.ListLabsAsync(CancellationToken.None)).FirstOrDefault(l => l.Code == "DEMO") is { } existing)
        {
            return (existing.Id, false);
        }

        var lab = await labs.CreateAsync(new LabInput("Demo Diagnostics", "DEMO"), CancellationToken.None);
        var configs = sp.GetRequiredService<IIntegrationConfigStore>();
        async Task Add(ActionId action, string name, string vendor, string channel, PayloadSettings? payload = null, List<string>? attachments = null) =>
            await configs.CreateAsync(new LabIntegration
            {
                LabId = lab.Id, ActionId = action, Name = name, Vendor = vendor, Url = $"{baseUrl}/sandbox/{channel}",
                Payload = payload ?? new PayloadSettings(), Attachments = attachments ?? [], MaxAttempts = 3, RateLimitPerSecond = 20,
                ReferenceField = "id",
                // Signed like any integration created through the API (the sandbox does not check it).
                Webhooks = new WebhookSettings { SigningSecrets = [WebhookSignature.NewSecret()] },
            }, CancellationToken.None);

        await Add(ActionId.PatientRegistration, "City Hospital EMR - patients", "CityEMR", "city-emr");
        await Add(ActionId.PatientRegistration, "State Health Registry", "StateRegistry", "registry", new PayloadSettings
        {
            Format = PayloadFormat.Liquid,
            ContentType = "application/json",
            Template = """{"mrn": {{ patient.mrn | json }}, "name": {{ patient.fullName | json }}, "lab": {{ lab.code | json }}}""",
        });
        await Add(ActionId.BillGeneration, "Star Insurance claims", "StarInsurance", "insurer-down");
        await Add(ActionId.ReportSigned, "City Hospital EMR - reports", "CityEMR", "city-emr-reports", attachments: [ActionCatalog.ReportPdf]);
        sp.GetRequiredService<SandboxReceiver>().Channel("insurer-down")!.Configure(new SandboxBehavior { AlwaysFail = true, FailStatus = 503 });

        var patients = sp.GetRequiredService<PatientService>();
        var asha = await patients.RegisterAsync(lab.Id, new PatientInput { Mrn = "DEMO-001", FirstName = "Asha", LastName = "Rao", Sex = "F", DateOfBirth = new DateOnly(1985, 4, 2) }, "demo", CancellationToken.None);
        await patients.RegisterAsync(lab.Id, new PatientInput { Mrn = "DEMO-002", FirstName = "Vikram", LastName = "Shah", Sex = "M" }, "demo", CancellationToken.None);
        await sp.GetRequiredService<BillingService>().GenerateAsync(lab.Id, new BillInput
        {
            PatientId = asha.Entity.Id,
            Items = [new BillItemInput("CBC", "Complete blood count", 1, 450m), new BillItemInput("LFT", "Liver function test", 1, 900m)],
        }, CancellationToken.None);
        var reports = sp.GetRequiredService<ReportService>();
        var report = await reports.CreateAsync(lab.Id, new ReportInput { PatientId = asha.Entity.Id, Title = "Complete blood count", Findings = "Haemoglobin 13.2 g/dL.\nWithin normal limits." }, CancellationToken.None);
        await reports.SignAsync(lab.Id, report.Id, new SignInput("Dr. Demo"), CancellationToken.None);
        return (lab.Id, true);
    }
}
