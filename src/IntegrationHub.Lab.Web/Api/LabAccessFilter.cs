using IntegrationHub.Web.Api;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Lab.Web.Api;

/// <summary>
/// Routes under <c>/labs/{labId}</c>: a lab outside the caller's scope answers exactly as a lab that
/// does not exist, so ids in use elsewhere are never revealed.
/// </summary>
internal sealed class LabAccessFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues.TryGetValue("labId", out var raw)
            && long.TryParse(raw?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var labId)
            && !http.User.LabScope().Allows(labId))
        {
            return ValueTask.FromResult<object?>(ApiProblems.NotFound($"Lab {labId} does not exist."));
        }

        return next(context);
    }
}
