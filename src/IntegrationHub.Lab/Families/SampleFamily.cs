using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Services;
using IntegrationHub.Payloads;
using IntegrationHub.Trigger;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Families;

/// <summary>The sample family's common function (the seed's <c>common_integration_sample_receive</c>): Sample Receive (12).</summary>
public sealed class SampleFamily(LabDbContext db, LabUnitOfWork unitOfWork, IntegrationTrigger trigger, TimeProvider time) : LabFamilyBase(db, unitOfWork, trigger, time)
{
    public override ActionFamily Family => ActionFamily.Sample;

    public Task<TriggerResult> RaiseAsync(ActionId action, long labId, long patientId, long sampleId, string source, CancellationToken cancellationToken) =>
        RaiseAsync(new EventContext { LabId = labId, ActionId = action, PatientId = patientId, SampleId = sampleId, Source = source }, cancellationToken);

    public override async Task<ModelResult> LoadModelAsync(EventContext context, CancellationToken cancellationToken)
    {
        var lab = await LabAsync(context.LabId, cancellationToken);
        var sample = await Db.Samples.AsNoTracking().FirstOrDefaultAsync(s => s.Id == context.SampleId && s.LabId == context.LabId, cancellationToken);
        var patient = await PatientAsync(context.LabId, sample?.PatientId, cancellationToken);
        return lab is null || sample is null || patient is null
            ? ModelResult.Missing($"Sample {context.SampleId} or its patient no longer exists in lab {context.LabId}.")
            : ModelResult.Found(Model(("lab", LabModels.Of(lab)), ("patient", LabModels.Of(patient)), ("sample", LabModels.Of(sample))));
    }

    public override PayloadModel SampleModel(ActionId action) => Model(
        ("lab", LabModels.Of(LabModels.Samples.Lab)),
        ("patient", LabModels.Of(LabModels.Samples.Patient)),
        ("sample", LabModels.Of(LabModels.Samples.Sample)));
}
