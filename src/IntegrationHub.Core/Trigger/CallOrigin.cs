using IntegrationHub.Actions;
using IntegrationHub.Logging;

namespace IntegrationHub.Trigger;

/// <summary>
/// The call an event is raised in, when the host knows one: an HTTP request it logs as an inbound
/// call. The trigger stamps each delivery with the call's caller and log id (so a delivery links back
/// to the call that caused it) and records here what the call queued (so the call's log links to its
/// deliveries and names the business ids it touched).
/// </summary>
/// <param name="caller">Who made the call ("user:…", "key:…", "anonymous").</param>
/// <param name="logId">The id the call's inbound log will have.</param>
public sealed class CallOrigin(string? caller, string? logId)
{
    private readonly Lock _gate = new();
    private readonly List<string> _triggered = [];
    private LogContext? _touched;

    public string? Caller { get; } = caller;

    public string? LogId { get; } = logId;

    /// <summary>The deliveries queued so far, at most <see cref="IntegrationLog.MaxTriggered"/>.</summary>
    public IReadOnlyList<string> Triggered
    {
        get
        {
            lock (_gate)
            {
                return [.. _triggered];
            }
        }
    }

    /// <summary>Every delivery queued, named or not.</summary>
    public int TriggeredCount { get; private set; }

    /// <summary>The business ids of the first event raised, when the call's handler named none itself.</summary>
    public LogContext? Touched
    {
        get
        {
            lock (_gate)
            {
                return _touched;
            }
        }
    }

    /// <summary>Called by the trigger once an event's deliveries are written.</summary>
    public void Record(EventContext context, IReadOnlyCollection<string> logIds)
    {
        lock (_gate)
        {
            _touched ??= new LogContext { PatientId = context.PatientId, BillId = context.BillId, SampleId = context.SampleId, ReportId = context.ReportId };
            _triggered.AddRange(logIds.Take(IntegrationLog.MaxTriggered - _triggered.Count));
            TriggeredCount += logIds.Count;
        }
    }
}

/// <summary>Where the trigger finds the call it runs in. The default knows none; the web host's knows the current request.</summary>
public interface ICallOrigins
{
    /// <summary>The current call, or null outside one (the demo, a background job, a manual retry's requeue).</summary>
    CallOrigin? Current { get; }
}

/// <summary>No call: events raised outside a request the host logs.</summary>
public sealed class NoCallOrigins : ICallOrigins
{
    public CallOrigin? Current => null;
}
