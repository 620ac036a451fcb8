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
        var (status, title, detail, errors) = exception switch
        {
            LabValidationException v => (400, "The request is invalid; nothing was changed.", v.Message,
                v.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray())),
            LabNotFoundException n => (404, "Not found", n.Message, null),
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON for this route.", json.Message, null),
            BadHttpRequestException bad => (bad.StatusCode, "The request is invalid; nothing was changed.", bad.Message, null),
            _ => (0, "", "", (Dictionary<string, string[]>?)null),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var details = errors is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new ValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
