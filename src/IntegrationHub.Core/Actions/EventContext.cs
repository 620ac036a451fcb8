
namespace IntegrationHub.Actions;

/// <summary>
/// The standard context of one business event: ids and primitives only, so that it can be queued,
/// logged and, on retry, turned back into live domain objects.
/// </summary>
public sealed record EventContext
{
    public required long LabId { get; init; }

    public required ActionId ActionId { get; init; }

    public long? PatientId { get; init; }

    public long? BillId { get; init; }

    public long? SampleId { get; init; }

    public long? ReportId { get; init; }

    /// <summary>What started the event: api, bulk, demo, retry.</summary>
    public string Source { get; init; } = "api";

    /// <summary>
    /// When the event happened (the trigger takes now when it is unset), kept to the millisecond. It
    /// is the creation time of the event's logs and the <c>event.occurredAt</c> of every payload sent
    /// for it, manual retries included.
    /// </summary>
    public DateTimeOffset OccurredAt { get; init; }
}
