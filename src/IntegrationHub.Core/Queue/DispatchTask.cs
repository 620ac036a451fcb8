using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Trigger;

namespace IntegrationHub.Queue;

/// <summary>
/// One unit of queued work. Small by design: ids, primitives and the rendered text payload; the
/// large binaries (PDFs) are loaded by the dispatcher only when it sends.
/// </summary>
public sealed record DispatchTask
{
    public DispatchTaskKind Kind { get; init; } = DispatchTaskKind.Delivery;

    public required string LogId { get; init; }

    /// <summary>The integration to send to; 0 for log records.</summary>
    public long IntegrationId { get; init; }

    public EventContext? Context { get; init; }

    public RenderedPayload? Payload { get; init; }

    /// <summary>The attempt number this task makes (1 for the first, counting manual attempts).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Automatic attempts made so far in this run; a manual retry starts a new run.</summary>
    public int RunAttempt { get; init; } = 1;

    public AttemptKind AttemptKind { get; init; } = AttemptKind.Automatic;

    public string RequestedBy { get; init; } = "system";

    /// <summary>Per-attempt timeout copied from the integration, used to size the lease.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>For <see cref="DispatchTaskKind.LogRecord"/>: the attempt to write.</summary>
    public AttemptRecord? Record { get; init; }

    /// <summary>For <see cref="DispatchTaskKind.LogRecord"/>: a whole log to create (an inbound call), instead of an attempt.</summary>
    public IntegrationLog? Log { get; init; }
}
