using IntegrationHub.Actions;

namespace IntegrationHub.Logging;

/// <summary>
/// One execution in the IntegrationDirectory: a delivery to one integration for one event, or one
/// inbound call. Written once at creation; afterwards only <see cref="State"/> changes.
/// </summary>
public sealed record IntegrationLog
{
    /// <summary>Time-ordered id (UUID v7); also the delivery id partners see.</summary>
    public required string Id { get; init; }

    public LogDirection Direction { get; init; } = LogDirection.Outbound;

    public required long LabId { get; init; }

    /// <summary>The action number; 0 for inbound calls that are not an action.</summary>
    public int ActionId { get; init; }

    public string ActionName { get; init; } = "";

    public ActionFamily? Family { get; init; }

    public long? IntegrationId { get; init; }

    public string? IntegrationName { get; init; }

    public string? Vendor { get; init; }

    public LogContext Context { get; init; } = new();

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The payload as prepared at trigger time (attachment placeholders, never binaries).</summary>
    public BodyRecord? Payload { get; init; }

    public LogState State { get; init; } = new();

    /// <summary>A short remark on an inbound call, e.g. that a webhook was a duplicate and not processed again.</summary>
    public string? Note { get; init; }

    /// <summary>A delivery's cause: the log of the inbound call whose business change raised its event, when there was one.</summary>
    public string? CausedBy { get; init; }

    /// <summary>An inbound call's effect: the deliveries its business change queued (at most <see cref="MaxTriggered"/> are named).</summary>
    public IReadOnlyList<string>? Triggered { get; init; }

    /// <summary>The most deliveries one inbound call's log names; a bulk upload that queues more says how many it named.</summary>
    public const int MaxTriggered = 200;

    /// <summary>A new time-ordered log id.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}
