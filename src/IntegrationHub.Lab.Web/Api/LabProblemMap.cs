using IntegrationHub.Lab.Services;
using IntegrationHub.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Lab.Web.Api;

/// <summary>The lab's rejected input as problem details: invalid input 400 with its fields, a missing lab 404.</summary>
internal sealed class LabProblemMap : IExceptionProblemMap
{
    public ProblemDetails? ProblemFor(Exception exception) => exception switch
    {
        LabValidationException v => new ValidationProblemDetails(v.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid; nothing was changed.",
            Detail = v.Message,
        },
        LabNotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = n.Message },
        _ => null,
    };
}
