using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.Api;

/// <summary>
/// Turns rejected input into 4xx problem details that name the problem (and an unreachable database into a 503), as the registered
/// <see cref="IExceptionProblemMap"/>s describe it; everything else stays a 500 without internals.
/// </summary>
internal sealed class HubExceptionHandler(IProblemDetailsService problems, IEnumerable<IExceptionProblemMap> maps) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ProblemFor(maps, exception) is not { } details)
        {
            return false;
        }

        httpContext.Response.StatusCode = details.Status!.Value;
        if (details.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = StorageUnavailableProblemMap.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The 4xx a rejected-input exception answers with; null for faults left to the 500 path.</summary>
    internal static int? StatusFor(HttpContext http, Exception exception) =>
        ProblemFor(http.RequestServices.GetServices<IExceptionProblemMap>(), exception)?.Status;

    /// <summary>The first map's answer; a map that leaves the status unset answers 400.</summary>
    private static ProblemDetails? ProblemFor(IEnumerable<IExceptionProblemMap> maps, Exception exception)
    {
        foreach (var map in maps)
        {
            if (map.ProblemFor(exception) is { } details)
            {
                details.Status ??= StatusCodes.Status400BadRequest;
                return details;
            }
        }

        return null;
    }
}
