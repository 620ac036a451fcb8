using System.Text.Json;
using IntegrationHub.Lab.Services;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Api;

/// <summary>Turns rejected input into 4xx problem details that name the problem; everything else stays a 500 without internals.</summary>
internal sealed class HubExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StatusFor(exception) is not { } status)
        {
            return false;
        }

        var (title, detail, errors) = exception switch
        {
            LabValidationException v => ("The request is invalid; nothing was changed.", v.Message,
                v.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray())),
            LabNotFoundException n => ("Not found", n.Message, null),
            BadHttpRequestException { InnerException: JsonException json } => ("The request body is not valid JSON for this route.", json.Message, null),
            _ => ("The request is invalid; nothing was changed.", exception.Message, (Dictionary<string, string[]>?)null),
        };

        httpContext.Response.StatusCode = status;
        var details = errors is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new ValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The 4xx a rejected-input exception answers with; null for faults left to the 500 path.</summary>
    internal static int? StatusFor(Exception exception) => exception switch
    {
        LabValidationException => StatusCodes.Status400BadRequest,
        LabNotFoundException => StatusCodes.Status404NotFound,
        BadHttpRequestException bad => bad.StatusCode,
        _ => null,
    };
}
