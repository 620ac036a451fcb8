using IntegrationHub.Logging;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Inbound;

/// <summary>
/// What a handler may add to its call's inbound log (optional; the logger works without it): the
/// lab, integration and business ids it concerns, and a remark. Taken with <see cref="Of"/>.
/// </summary>
public sealed class InboundLogDetails
{
    private static readonly object Key = new();

    /// <summary>The id the call's log will have, known before it is written (to point at it from elsewhere).</summary>
    public string LogId { get; } = IntegrationLog.NewId();

    public long? LabId { get; set; }

    public long? IntegrationId { get; set; }

    public string? IntegrationName { get; set; }

    public string? Vendor { get; set; }

    public LogContext? Context { get; set; }

    /// <summary>Overrides the endpoint's action name, e.g. with what a webhook turned out to be.</summary>
    public string? ActionName { get; set; }

    public string? Note { get; set; }

    /// <summary>
    /// Whether the request body goes into the log. Default: yes. A route open to anonymous callers
    /// keeps it off until the caller is authenticated, so strangers cannot store data in the log.
    /// </summary>
    public bool KeepBody { get; set; } = true;

    /// <summary>Leave this call out of the directory altogether (a call that names nothing known, from nobody known).</summary>
    public bool Skip { get; set; }

    private Trigger.CallOrigin? _origin;

    /// <summary>The call as the trigger sees it (caller and log id), created when it first raises an event.</summary>
    internal Trigger.CallOrigin Origin(HttpContext http) => _origin ??= new Trigger.CallOrigin(InboundLogBuilder.CallerOf(http, this), LogId);

    /// <summary>What the trigger recorded of the call, if it raised any event.</summary>
    internal Trigger.CallOrigin? RaisedEvents => _origin;

    /// <summary>The details of this request's log, created on first use.</summary>
    public static InboundLogDetails Of(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var found) && found is InboundLogDetails details)
        {
            return details;
        }

        details = new InboundLogDetails();
        http.Items[Key] = details;
        return details;
    }

    internal static InboundLogDetails? Find(HttpContext http) => http.Items.TryGetValue(Key, out var found) ? found as InboundLogDetails : null;
}
