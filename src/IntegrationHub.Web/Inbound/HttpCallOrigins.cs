using IntegrationHub.Trigger;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Inbound;

/// <summary>
/// The call a delivery's event was raised in: the current request, when it is one the hub logs as
/// an inbound call. Its origin lives with the request's <see cref="InboundLogDetails"/>, so the
/// inbound log written at the end of the call names the deliveries it queued.
/// </summary>
public sealed class HttpCallOrigins(IHttpContextAccessor accessor) : ICallOrigins
{
    public CallOrigin? Current =>
        accessor.HttpContext is { } http && InboundCallLogger.Logs(http) ? InboundLogDetails.Of(http).Origin(http) : null;
}
