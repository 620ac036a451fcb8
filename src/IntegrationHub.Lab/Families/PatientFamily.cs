using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Services;
using IntegrationHub.Payloads;
using IntegrationHub.Trigger;

namespace IntegrationHub.Lab.Families;

/// <summary>The patient family's common function: Patient Registration (57) and Patient Update (58).</summary>
public sealed class PatientFamily(LabDbContext db, LabUnitOfWork unitOfWork, IntegrationTrigger trigger, TimeProvider time) : LabFamilyBase(db, unitOfWork, trigger, time)
{
    public override ActionFamily Family => ActionFamily.Patient;

    /// <summary>Raises a patient event, whatever started it (API, bulk upload).</summary>
    public Task<TriggerResult> RaiseAsync(ActionId action, long labId, long patientId, string source, CancellationToken cancellationToken) =>
        RaiseAsync(new EventContext { LabId = labId, ActionId = action, PatientId = patientId, Source = source }, cancellationToken);

    /// <summary>Raises one patient event per patient just written in this transaction (a bulk upload), from the rows in hand.</summary>
    public Task<IReadOnlyList<TriggerResult>> RaiseManyAsync(ActionId action, Domain.Lab lab, IReadOnlyList<Patient> patients, string source, CancellationToken cancellationToken) =>
        RaiseLoadedAsync([.. patients.Select(p => (
            new EventContext { LabId = lab.Id, ActionId = action, PatientId = p.Id, Source = source },
            Model(("lab", LabModels.Of(lab)), ("patient", LabModels.Of(p)))))], cancellationToken);

    public override async Task<ModelResult> LoadModelAsync(EventContext context, CancellationToken cancellationToken)
    {
        var lab = await LabAsync(context.LabId, cancellationToken);
        var patient = await PatientAsync(context.LabId, context.PatientId, cancellationToken);
        return lab is null || patient is null
            ? ModelResult.Missing($"Patient {context.PatientId} no longer exists in lab {context.LabId}.")
            : ModelResult.Found(Model(("lab", LabModels.Of(lab)), ("patient", LabModels.Of(patient))));
    }

    public override PayloadModel SampleModel(ActionId action) =>
        Model(("lab", LabModels.Of(LabModels.Samples.Lab)), ("patient", LabModels.Of(LabModels.Samples.Patient)));
}
