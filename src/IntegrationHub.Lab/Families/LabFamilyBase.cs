using IntegrationHub.Actions;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Payloads;
using IntegrationHub.Trigger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationHub.Lab.Families;

/// <summary>
/// What every family of the reference lab shares: the one trigger path ("common function") that
/// extracts the standard context, loads the model and fans out inside the business transaction.
/// </summary>
public abstract class LabFamilyBase(LabDbContext db, IntegrationTrigger trigger, TimeProvider time) : IActionFamily
{
    protected LabDbContext Db { get; } = db;

    public abstract ActionFamily Family { get; }

    public abstract Task<ModelResult> LoadModelAsync(EventContext context, CancellationToken cancellationToken);

    public abstract PayloadModel SampleModel(ActionId action);

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

        var transaction = Db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("An integration event must be raised inside the business transaction (LabUnitOfWork).");
        await Db.SaveChangesAsync(cancellationToken);
        var stamped = context with { OccurredAt = time.GetUtcNow() };
        var model = await LoadModelAsync(stamped, cancellationToken);
        if (model.Model is null)
        {
            throw new InvalidOperationException($"The entity of this event cannot be loaded: {model.MissingReason}");
        }

        return await trigger.FanOutAsync(stamped, model.Model, transaction, cancellationToken);
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
