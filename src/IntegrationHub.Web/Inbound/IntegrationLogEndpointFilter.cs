using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Inbound;

/// <summary>The minimal API face of <see cref="InboundCallLogger"/>.</summary>
internal sealed class IntegrationLogEndpointFilter(InboundCallLogger directory) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!InboundCallLogger.Logs(http))
        {
            return await next(context);
        }

        var call = directory.Begin();
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e)
        {
            await directory.FinishAsync(http, call, new InboundOutcome(null, null, e));
            throw;
        }

        await directory.FinishAsync(http, call, new InboundOutcome((result as IStatusCodeHttpResult)?.StatusCode, (result as IValueHttpResult)?.Value ?? result, null));
        return result;
    }
}
