using System.Net.Sockets;
using IntegrationHub.Configuration;
using IntegrationHub.Destinations;
using IntegrationHub.Dispatch.Auth;
using IntegrationHub.Logging;

namespace IntegrationHub.Dispatch;

/// <summary>How an exchange or a failure becomes an outcome: what is final, what is retried, and the error text.</summary>
public sealed partial class IntegrationDispatcher
{
    // Error texts name what happened, never the partner's words: a reason phrase or a Location can
    // carry patient data, and errors are shown to viewers. The answer itself is logged for operators.
    private static DispatchResult Classify(Exchange exchange, LabIntegration integration)
    {
        var status = (int)exchange.Status;
        var result = new DispatchResult { Request = exchange.Request, Response = exchange.Answer };
        if (status is >= 200 and < 300)
        {
            var reference = JsonPath.Find(exchange.Answer.Body?.Text, integration.ReferenceField);
            return result with { PartnerReference = reference is { Length: > MaxPartnerReferenceLength } ? null : reference };
        }

        if (status is >= 300 and < 400)
        {
            return result with { Error = new ErrorRecord(ErrorClass.HttpStatus, $"Partner answered {status} (redirects are not followed; see the answer's Location).", status) };
        }

        if (status is 401 or 403)
        {
            return result with { Error = new ErrorRecord(ErrorClass.Auth, $"Partner refused the credentials ({status}).", status) };
        }

        var transient = status is 408 or 429 or >= 500;
        return result with
        {
            Error = new ErrorRecord(ErrorClass.HttpStatus, $"Partner answered {status}.", status),
            Transient = transient,
            RetryAfter = transient ? exchange.RetryAfter : null,
        };
    }

    // A date is read against the partner's own clock when it sent one, else the hub's.
    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? time.GetUtcNow()) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static DispatchResult Failure(Exception e, RequestRecord request, double durationMs)
    {
        var (error, transient) = e switch
        {
            _ when DestinationRefusedException.FoundIn(e) is { } refused => (new ErrorRecord(ErrorClass.Configuration, refused.Message), false),
            PartnerTimeoutException timeout => (new ErrorRecord(ErrorClass.Timeout, timeout.Message), true),
            TaskCanceledException or OperationCanceledException or TimeoutException =>
                (new ErrorRecord(ErrorClass.Timeout, "The partner did not answer within the timeout."), true),
            HttpRequestException { InnerException: SocketException socket } =>
                (new ErrorRecord(ErrorClass.Connection, $"Connection failed: {socket.SocketErrorCode}."), true),
            HttpRequestException http =>
                (new ErrorRecord(ErrorClass.Connection, $"Connection failed: {http.HttpRequestError}."), true),
            AuthFailureException auth => (new ErrorRecord(ErrorClass.Auth, auth.Message), auth.Transient),
            AttachmentMissingException missing => (new ErrorRecord(ErrorClass.Configuration, missing.Message), false),
            UriFormatException or InvalidOperationException or FormatException =>
                (new ErrorRecord(ErrorClass.Configuration, $"The request could not be built: {e.Message}"), false),
            _ => (new ErrorRecord(ErrorClass.Internal, $"{e.GetType().Name}: {e.Message}"), false),
        };
        return new DispatchResult { Request = request, Error = error, Transient = transient, DurationMs = durationMs };
    }
}
