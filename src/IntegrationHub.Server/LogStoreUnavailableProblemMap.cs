using IntegrationHub.Web.Api;
using Microsoft.AspNetCore.Mvc;
using MongoDB.Driver;

namespace IntegrationHub.Server;

/// <summary>
/// A MongoDB log store that cannot be reached (stopped, failing over) answers a read with 503 and
/// a problem saying so, like the storage's database does, never a 500 or a wait past the driver's
/// server-selection timeout. Business calls and deliveries do not touch it.
/// </summary>
internal sealed class LogStoreUnavailableProblemMap : IExceptionProblemMap
{
    public ProblemDetails? ProblemFor(Exception exception) =>
        exception is MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException
            || (exception is TimeoutException && exception.Message.Contains("selecting a server", StringComparison.Ordinal))
            ? new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The hub's log store is unavailable.",
                Detail = "The log store did not answer; deliveries go on and what they record is kept until it is back. Repeat the request in 5 s or later.",
            }
            : null;
}
