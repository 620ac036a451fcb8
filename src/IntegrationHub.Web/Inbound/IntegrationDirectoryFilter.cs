using System.Diagnostics;
using System.Text;
using IntegrationHub.Dispatch;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Inbound;

/// <summary>
/// The inbound half of the seed's <c>IntegrationDirectoryLogger</c>: one line on an endpoint or group
/// (<c>.LogToIntegrationDirectory()</c>) logs each call's request, outcome and answer, including
/// failures, without the handler knowing. Reads are not logged; changes are.
/// </summary>
internal sealed class IntegrationDirectoryFilter(ILogStore logs, TimeProvider time, IOptions<HubOptions> options, ILogger<IntegrationDirectoryFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            return await next(context);
        }

        var startedAt = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var requestBody = await ReadBodyAsync(http.Request);
        object? result = null;
        Exception? failure = null;
        try
        {
            result = await next(context);
            return result;
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            await WriteAsync(http, startedAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestBody, result, failure);
        }
    }

    private async Task<BodyRecord?> ReadBodyAsync(HttpRequest request)
    {
        // Model binding has read the body already; UseIntegrationDirectory() buffered it so it can be read again.
        if (request.ContentLength is 0 || !request.Body.CanSeek)
        {
            return null;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return BodyCapture.Capture(request.ContentType ?? "", text, options.Value.MaxLoggedBodyBytes);
    }

    private async Task WriteAsync(HttpContext http, DateTimeOffset startedAt, double durationMs, BodyRecord? requestBody, object? result, Exception? failure)
    {
        var status = failure is not null ? Api.HubExceptionHandler.StatusFor(failure) ?? StatusCodes.Status500InternalServerError : (result as IStatusCodeHttpResult)?.StatusCode ?? http.Response.StatusCode;
        var answer = (result as IValueHttpResult)?.Value;
        var succeeded = failure is null && status < 400;
        var attempt = new AttemptRecord
        {
            LogId = IntegrationLog.NewId(),
            Attempt = 1,
            RequestedBy = http.User.Identity?.Name ?? "anonymous",
            Outcome = succeeded ? LogStatus.Success : LogStatus.Fail,
            StartedAt = startedAt,
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
                Body = answer is null ? null : BodyCapture.Capture("application/json", HubJson.Serialize(answer), options.Value.MaxLoggedBodyBytes),
            },
            Error = succeeded ? null : new ErrorRecord(ErrorClass.HttpStatus, failure?.Message ?? $"Answered {status}.", status),
        };
        var log = new IntegrationLog
        {
            Id = attempt.LogId,
            Direction = LogDirection.Inbound,
            LabId = http.Request.RouteValues.TryGetValue("labId", out var lab) && long.TryParse(lab?.ToString(), out var labId) ? labId : 0,
            ActionName = (http.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText is { } route ? $"{http.Request.Method} {route}" : http.Request.Method,
            Context = new LogContext { Source = "inbound" },
            CreatedAt = startedAt,
            Payload = requestBody,
            State = LogStateTransitions.After(attempt, time.GetUtcNow()),
        };

        try
        {
            await logs.CreateAsync(log, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The caller's request must not fail because its log could not be written.
            logger.LogError(e, "Inbound call {Method} {Path} could not be logged.", http.Request.Method, http.Request.Path);
        }
    }
}
