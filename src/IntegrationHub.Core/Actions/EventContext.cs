
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

    public DateTimeOffset OccurredAt { get; init; }
}
