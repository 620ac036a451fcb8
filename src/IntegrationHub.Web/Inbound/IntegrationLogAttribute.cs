using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.Inbound;

/// <summary>
/// The controller face of <see cref="InboundCallLogger"/>: <c>[IntegrationLog]</c> on a controller or
/// an action logs its calls as inbound logs, failures included, without the action knowing.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class IntegrationLogAttribute : Attribute, IAsyncActionFilter, IIntegrationLogMetadata
{
    /// <inheritdoc/>
    public string? ActionName { get; set; }

    /// <inheritdoc/>
    public bool IncludeReads { get; set; }

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!InboundCallLogger.Logs(http))
        {
            await next();
            return;
        }

        var directory = http.RequestServices.GetRequiredService<InboundCallLogger>();
        var call = directory.Begin();
        ActionExecutedContext executed;
        try
        {
            executed = await next();
        }
        catch (Exception e)
        {
            await directory.FinishAsync(http, call, new InboundOutcome(null, null, e));
            throw;
        }

        // An exception left unhandled by the action's filters still reaches the exception handler (a 500 problem).
        var failure = executed.ExceptionHandled ? null : executed.Exception;
        var status = (executed.Result as IStatusCodeActionResult)?.StatusCode;
        var answer = (executed.Result as ObjectResult)?.Value;
        await directory.FinishAsync(http, call, new InboundOutcome(status, answer, failure));
    }
}
