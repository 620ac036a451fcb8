using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Pdf;
using IntegrationHub.Lab.Services;
using IntegrationHub.Payloads;
using IntegrationHub.Trigger;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Families;

/// <summary>
/// The report family's common function: Report Signed (15). It streams the signed PDF to the
/// dispatcher on demand and, as its status callback, records which partner received the report.
/// </summary>
public sealed class ReportFamily(LabDbContext db, LabUnitOfWork unitOfWork, IntegrationTrigger trigger, TimeProvider time, ReportPdfStore pdfs) : LabFamilyBase(db, unitOfWork, trigger, time), IActionFamily
{
    public override ActionFamily Family => ActionFamily.Report;

    public Task<TriggerResult> RaiseAsync(ActionId action, long labId, long patientId, long reportId, long? sampleId, string source, CancellationToken cancellationToken) =>
        RaiseAsync(new EventContext { LabId = labId, ActionId = action, PatientId = patientId, ReportId = reportId, SampleId = sampleId, Source = source }, cancellationToken);

    public override async Task<ModelResult> LoadModelAsync(EventContext context, CancellationToken cancellationToken)
    {
        var lab = await LabAsync(context.LabId, cancellationToken);
        var report = await Db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == context.ReportId && r.LabId == context.LabId, cancellationToken);
        var patient = await PatientAsync(context.LabId, report?.PatientId, cancellationToken);
        if (lab is null || report is null || patient is null)
        {
            return ModelResult.Missing($"Report {context.ReportId} or its patient no longer exists in lab {context.LabId}.");
        }

        var sample = report.SampleId is { } sampleId
            ? await Db.Samples.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sampleId, cancellationToken)
            : null;
        return ModelResult.Found(Model(
            ("lab", LabModels.Of(lab)),
            ("patient", LabModels.Of(patient)),
            ("sample", sample is null ? null : LabModels.Of(sample)),
            ("report", LabModels.Of(report))));
    }

    public override PayloadModel SampleModel(ActionId action) => Model(
        ("lab", LabModels.Of(LabModels.Samples.Lab)),
        ("patient", LabModels.Of(LabModels.Samples.Patient)),
        ("sample", LabModels.Of(LabModels.Samples.Sample)),
        ("report", LabModels.Of(LabModels.Samples.Report)));

    public Task<AttachmentData?> OpenAttachmentAsync(string name, EventContext context, CancellationToken cancellationToken) =>
        name == ActionCatalog.ReportPdf && context.ReportId is { } reportId
            ? Task.FromResult(pdfs.Open(context.LabId, reportId))
            : Task.FromResult<AttachmentData?>(null);

    public async Task OnDeliveryEndedAsync(DeliveryEnded outcome, CancellationToken cancellationToken)
    {
        if (outcome.Context.ReportId is not { } reportId)
        {
            return;
        }

        Db.ReportDeliveries.Add(new ReportDelivery
        {
            ReportId = reportId,
            IntegrationId = outcome.IntegrationId,
            IntegrationName = outcome.IntegrationName,
            Vendor = outcome.Vendor,
            LogId = outcome.LogId,
            Succeeded = outcome.Succeeded,
            PartnerReference = outcome.PartnerReference,
            At = outcome.At,
        });
        await Db.SaveChangesAsync(cancellationToken);
    }
}
