using IntegrationHub.Actions;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;

namespace IntegrationHub.Queue;

/// <summary>
/// One delivery to make: which log, which integration, the event and its rendered text payload.
/// Small by design: the large binaries (PDFs) are loaded by the dispatcher only when it sends.
/// </summary>
public sealed record DispatchTask
{
    /// <summary>The log this delivery's attempts are recorded in.</summary>
    public required string LogId { get; init; }

    /// <summary>The integration to send to.</summary>
    public long IntegrationId { get; init; }

    /// <summary>The event the delivery is about.</summary>
    public EventContext? Context { get; init; }

    /// <summary>The payload rendered when the event was raised (or the retry was asked for).</summary>
    public RenderedPayload? Payload { get; init; }

    /// <summary>The attempt number this task makes (1 for the first, counting manual attempts).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Automatic attempts made so far in this run; a manual retry starts a new run.</summary>
    public int RunAttempt { get; init; } = 1;

    /// <summary>Whether the attempt is automatic or asked for by someone.</summary>
    public AttemptKind AttemptKind { get; init; } = AttemptKind.Automatic;

    /// <summary>Who asked for the attempt: <c>system</c> for automatic ones.</summary>
    public string RequestedBy { get; init; } = "system";

    /// <summary>Per-attempt timeout copied from the integration, used to size the lease.</summary>
    public int TimeoutSeconds { get; init; } = 30;
}
