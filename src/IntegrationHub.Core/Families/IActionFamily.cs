using IntegrationHub.Actions;
using IntegrationHub.Payloads;

namespace IntegrationHub.Families;

/// <summary>
/// A family of actions as the domain implements it: how to rebuild the event's model from live
/// data (the seed's <c>_prepare_kwargs_*</c>), which attachments it can stream, and what the
/// business side records when a delivery ends (the seed's <c>integration_status_callback</c>).
/// </summary>
public interface IActionFamily
{
    ActionFamily Family { get; }

    /// <summary>
    /// Loads the live domain objects named by the context and returns their model, or the reason
    /// they cannot be loaded (e.g. the patient was deleted).
    /// </summary>
    Task<ModelResult> LoadModelAsync(EventContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The standard context an event of this family would carry for one entity, by that entity's id
    /// (a patient for the patient family, a bill, a sample, a report): used by test sends. Null when
    /// the entity does not exist in the lab.
    /// </summary>
    Task<EventContext?> ContextForAsync(long labId, ActionId action, long entityId, CancellationToken cancellationToken);

    /// <summary>A complete model with sample values, used to check templates when they are saved.</summary>
    PayloadModel SampleModel(ActionId action);

    /// <summary>Opens an attachment for streaming, or null when the entity has none.</summary>
    Task<AttachmentData?> OpenAttachmentAsync(string name, EventContext context, CancellationToken cancellationToken) =>
        Task.FromResult<AttachmentData?>(null);

    /// <summary>Called once a delivery ends, success or failure.</summary>
    Task OnDeliveryEndedAsync(DeliveryEnded outcome, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The model of an event, or why the entities behind it are gone.</summary>
public sealed record ModelResult(PayloadModel? Model, string? MissingReason)
{
    public static ModelResult Found(PayloadModel model) => new(model, null);

    public static ModelResult Missing(string reason) => new(null, reason);
}

/// <summary>A binary attachment: its stream (owned by the caller) and its length in bytes.</summary>
public sealed record AttachmentData(Stream Content, long Length, string ContentType);

/// <summary>What the status callback learns about a finished delivery.</summary>
public sealed record DeliveryEnded(
    EventContext Context,
    string LogId,
    long IntegrationId,
    string IntegrationName,
    string Vendor,
    bool Succeeded,
    string? PartnerReference,
    DateTimeOffset At);
