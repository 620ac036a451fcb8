using IntegrationHub.Configuration;
using IntegrationHub.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace IntegrationHub.Web.Inbound;

/// <summary>Describes one finished inbound call as a log: one attempt, already final.</summary>
internal static class InboundLogBuilder
{
    public static async Task<IntegrationLog> BuildAsync(HttpContext http, InboundCall call, InboundOutcome outcome, double durationMs, DateTimeOffset now, int maxBodyBytes)
    {
        var failure = outcome.Failure;
        var status = outcome.StatusCode
            ?? (failure is null ? http.Response.StatusCode : Api.HubExceptionHandler.StatusFor(http, failure) ?? StatusCodes.Status500InternalServerError);
        var succeeded = failure is null && status < 400;
        var details = InboundLogDetails.Find(http);
        var requestBody = details is { KeepBody: false } ? null : await ReadBufferedBodyAsync(http.Request, maxBodyBytes);
        var attempt = new AttemptRecord
        {
            LogId = details?.LogId ?? IntegrationLog.NewId(),
            Attempt = 1,
            RequestedBy = CallerOf(http, details),
            Outcome = succeeded ? LogStatus.Success : LogStatus.Fail,
            StartedAt = call.StartedAt,
            DurationMs = durationMs,
            Request = new RequestRecord
            {
                Method = http.Request.Method,
                Url = http.Request.Path + http.Request.QueryString,
                Headers = SecretMasker.MaskHeaders(http.Request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? ""))), new HashSet<string>()),
                Body = requestBody,
            },
            Response = new ResponseRecord
            {
                StatusCode = status,
                Body = AnswerBody(outcome.Answer, maxBodyBytes),
            },
            Error = succeeded ? null : ErrorOf(failure, status),
        };
        return new IntegrationLog
        {
            Id = attempt.LogId,
            Direction = LogDirection.Inbound,
            LabId = details?.LabId ?? (http.Request.RouteValues.TryGetValue("labId", out var lab) && long.TryParse(lab?.ToString(), out var labId) ? labId : 0),
            ActionName = details?.ActionName ?? ActionNameOf(http),
            IntegrationId = details?.IntegrationId,
            IntegrationName = details?.IntegrationName,
            Vendor = details?.Vendor,
            Context = (details?.Context ?? details?.RaisedEvents?.Touched ?? new LogContext()) with { Source = "inbound", Caller = CallerOf(http, details) },
            Triggered = details?.RaisedEvents is { TriggeredCount: > 0 } raised ? raised.Triggered : null,
            CreatedAt = call.StartedAt,
            Payload = requestBody,
            Note = details?.Note,
            State = LogStateTransitions.After(attempt, now),
        };
    }

    /// <summary>Who made the call: the signed-in user or key, a partner whose webhook named its integration, else anonymous.</summary>
    internal static string CallerOf(HttpContext http, InboundLogDetails? details) =>
        http.User.Identity?.Name
        ?? (details?.IntegrationName is { } partner ? $"partner:{partner}" : "anonymous");

    /// <summary>The answer as JSON; an answer that cannot be serialised is named rather than losing the log.</summary>
    private static BodyRecord? AnswerBody(object? answer, int maxBodyBytes)
    {
        if (answer is null)
        {
            return null;
        }

        try
        {
            return BodyCapture.Capture("application/json", HubJson.Serialize(answer), maxBodyBytes);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return BodyCapture.Capture("text/plain", $"({answer.GetType().Name}: not serialisable)", maxBodyBytes);
        }
    }

    private static ErrorRecord ErrorOf(Exception? failure, int status) => failure switch
    {
        null => new ErrorRecord(ErrorClass.HttpStatus, $"Answered {status}.", status),
        _ when status < 500 => new ErrorRecord(ErrorClass.HttpStatus, failure.Message, status),
        _ => new ErrorRecord(ErrorClass.Internal, $"{failure.GetType().Name}: {failure.Message}", status),
    };

    private static string ActionNameOf(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IIntegrationLogMetadata>()?.ActionName is { } named)
        {
            return named;
        }

        // The pattern without its constraints: "POST /api/labs/{labId}/patients".
        return (endpoint as RouteEndpoint)?.RoutePattern is { } pattern
            ? $"{http.Request.Method} /{string.Join('/', pattern.PathSegments.Select(Segment))}"
            : http.Request.Method;
    }

    private static string Segment(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        RoutePatternSeparatorPart separator => separator.Content,
        _ => "",
    }));

    /// <summary>
    /// The part of the body the handler (or model binding) has read, which UseIntegrationDirectory
    /// buffered. A body nobody read (refused by its size, say) is not read now either.
    /// </summary>
    private static async Task<BodyRecord?> ReadBufferedBodyAsync(HttpRequest request, int maxBodyBytes)
    {
        try
        {
            if (!request.Body.CanSeek || request.Body.Length == 0)
            {
                return null;
            }

            var buffered = request.Body.Length;
            var keep = (int)Math.Min(buffered, maxBodyBytes);
            var bytes = new byte[keep];
            request.Body.Position = 0;
            await request.Body.ReadExactlyAsync(bytes, CancellationToken.None);
            var total = Math.Max(buffered, request.ContentLength ?? buffered);
            return BodyCapture.FromBytes(request.ContentType ?? "", bytes, total, truncated: total > keep);
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException or NotSupportedException)
        {
            // A handler that disposed the body (a StreamReader without leaveOpen) still gets its log, without the body.
            return null;
        }
    }
}
