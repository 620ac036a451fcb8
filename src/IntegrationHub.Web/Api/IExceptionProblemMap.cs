using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Api;

/// <summary>
/// Turns one feature's rejected-input exceptions into the 4xx problem they answer with, so the
/// hub's exception handler and inbound log name the problem without knowing the feature's types.
/// Register as a singleton <see cref="IExceptionProblemMap"/>; every registered map is asked.
/// </summary>
public interface IExceptionProblemMap
{
    /// <summary>
    /// The problem this exception answers with, its <see cref="ProblemDetails.Status"/> set (a 4xx);
    /// null for an exception this map does not know, which another map or the 500 path handles.
    /// </summary>
    /// <param name="exception">What a handler or model binding threw.</param>
    ProblemDetails? ProblemFor(Exception exception);
}
