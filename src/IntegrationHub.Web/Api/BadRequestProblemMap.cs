using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Api;

/// <summary>A request the framework refused while binding it (malformed JSON, a body too large) keeps the status it was refused with.</summary>
internal sealed class BadRequestProblemMap : IExceptionProblemMap
{
    public ProblemDetails? ProblemFor(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } bad =>
            new ProblemDetails { Status = bad.StatusCode, Title = "The request body is not valid JSON for this route.", Detail = json.Message },
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is invalid; nothing was changed.", Detail = bad.Message },
        _ => null,
    };
}
