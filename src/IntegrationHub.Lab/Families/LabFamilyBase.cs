using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Services;
using IntegrationHub.Payloads;
using IntegrationHub.Trigger;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Families;

/// <summary>
/// What every family of the reference lab shares: the one trigger path ("common function") that
/// extracts the standard context, loads the model and fans out inside the business transaction.
/// </summary>
public abstract class LabFamilyBase(LabDbContext db, LabUnitOfWork unitOfWork, IntegrationTrigger trigger, TimeProvider time) : IActionFamily
{
    protected LabDbContext Db { get; } = db;

    public abstract ActionFamily Family { get; }

    public abstract Task<ModelResult> LoadModelAsync(EventContext context, CancellationToken cancellationToken);

    public abstract PayloadModel SampleModel(ActionId action);

    public async Task<EventContext?> ContextForAsync(long labId, ActionId action, long entityId, CancellationToken cancellationToken)
    {
        var context = new EventContext { LabId = labId, ActionId = action, Source = "test-send" };
        return Family switch
        {
            ActionFamily.Patient => await Db.Patients.AsNoTracking().AnyAsync(p => p.Id == entityId && p.LabId == labId, cancellationToken)
                ? context with { PatientId = entityId } : null,
            ActionFamily.Billing => await Db.Bills.AsNoTracking().Where(b => b.Id == entityId && b.LabId == labId)
                .Select(b => (long?)b.PatientId).FirstOrDefaultAsync(cancellationToken) is { } billPatient
                ? context with { PatientId = billPatient, BillId = entityId } : null,
            ActionFamily.Sample => await Db.Samples.AsNoTracking().Where(s => s.Id == entityId && s.LabId == labId)
                .Select(s => (long?)s.PatientId).FirstOrDefaultAsync(cancellationToken) is { } samplePatient
                ? context with { PatientId = samplePatient, SampleId = entityId } : null,
            _ => await Db.Reports.AsNoTracking().Where(r => r.Id == entityId && r.LabId == labId)
                .Select(r => new { r.PatientId, r.SampleId }).FirstOrDefaultAsync(cancellationToken) is { } report
                ? context with { PatientId = report.PatientId, SampleId = report.SampleId, ReportId = entityId } : null,
        };
    }

    /// <summary>
    /// Raises an event of this family. Must run inside the business change's transaction: the
    /// QUEUED logs and tasks commit or roll back with it.
    /// </summary>
    protected async Task<TriggerResult> RaiseAsync(EventContext context, CancellationToken cancellationToken)
    {
        if (ActionCatalog.Get(context.ActionId).Family != Family)
        {
            throw new ArgumentException($"{context.ActionId} does not belong to the {Family} family.", nameof(context));
        }

        var transaction = unitOfWork.Current;
        await Db.SaveChangesAsync(cancellationToken);
        var stamped = context with { OccurredAt = time.GetUtcNow() };
        var model = await LoadModelAsync(stamped, cancellationToken);
        if (model.Model is null)
        {
            throw new InvalidOperationException($"The entity of this event cannot be loaded: {model.MissingReason}");
        }

        return await trigger.FanOutAsync(stamped, model.Model, transaction, cancellationToken);
    }

    /// <summary>
    /// Raises many events of this family whose models the caller already holds, built from the
    /// rows it has just written (a bulk upload): one save for all of them and no read per event,
    /// which keeps a large change short inside the database's single writer.
    /// </summary>
    protected async Task<IReadOnlyList<TriggerResult>> RaiseLoadedAsync(IReadOnlyList<(EventContext Context, PayloadModel Model)> events, CancellationToken cancellationToken)
    {
        var transaction = unitOfWork.Current;
        await Db.SaveChangesAsync(cancellationToken);
        if (events.FirstOrDefault(e => ActionCatalog.Get(e.Context.ActionId).Family != Family) is { Context: { } stranger })
        {
            throw new ArgumentException($"{stranger.ActionId} does not belong to the {Family} family.", nameof(events));
        }

        var occurredAt = time.GetUtcNow();
        return await trigger.FanOutAsync([.. events.Select(e => (e.Context with { OccurredAt = occurredAt }, e.Model))], transaction, cancellationToken);
    }

    protected async Task<Domain.Lab?> LabAsync(long labId, CancellationToken cancellationToken) =>
        await Db.Labs.AsNoTracking().FirstOrDefaultAsync(l => l.Id == labId, cancellationToken);

    protected async Task<Patient?> PatientAsync(long labId, long? patientId, CancellationToken cancellationToken) =>
        patientId is null ? null : await Db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId && p.LabId == labId, cancellationToken);

    protected static PayloadModel Model(params (string Name, System.Text.Json.Nodes.JsonNode? Value)[] parts)
    {
        var root = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, value) in parts)
        {
            root[name] = value;
        }

        return new PayloadModel(root);
    }
}
