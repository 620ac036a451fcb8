using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Services;
using IntegrationHub.Payloads;
using IntegrationHub.Trigger;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Families;

/// <summary>The billing family's common function (the seed's <c>commomFunctionForIntegrationBillCategory</c>): Bill Generation (1).</summary>
public sealed class BillingFamily(LabDbContext db, LabUnitOfWork unitOfWork, IntegrationTrigger trigger, TimeProvider time) : LabFamilyBase(db, unitOfWork, trigger, time)
{
    public override ActionFamily Family => ActionFamily.Billing;

    public Task<TriggerResult> RaiseAsync(ActionId action, long labId, long patientId, long billId, string source, CancellationToken cancellationToken) =>
        RaiseAsync(new EventContext { LabId = labId, ActionId = action, PatientId = patientId, BillId = billId, Source = source }, cancellationToken);

    public override async Task<ModelResult> LoadModelAsync(EventContext context, CancellationToken cancellationToken)
    {
        var lab = await LabAsync(context.LabId, cancellationToken);
        var bill = await Db.Bills.AsNoTracking().Include(b => b.Items)
            .FirstOrDefaultAsync(b => b.Id == context.BillId && b.LabId == context.LabId, cancellationToken);
        var patient = await PatientAsync(context.LabId, bill?.PatientId, cancellationToken);
        return lab is null || bill is null || patient is null
            ? ModelResult.Missing($"Bill {context.BillId} or its patient no longer exists in lab {context.LabId}.")
            : ModelResult.Found(Model(("lab", LabModels.Of(lab)), ("patient", LabModels.Of(patient)), ("bill", LabModels.Of(bill))));
    }

    public override PayloadModel SampleModel(ActionId action) => Model(
        ("lab", LabModels.Of(LabModels.Samples.Lab)),
        ("patient", LabModels.Of(LabModels.Samples.Patient)),
        ("bill", LabModels.Of(LabModels.Samples.Bill)));
}
