using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Api;

/// <summary>
/// A database that cannot be reached (stopped, restarting, failing over, out of connections) answers
/// 503 with a problem saying so, rather than a 500: the caller may repeat the call once it is back.
/// Recognised through ADO.NET's own vocabulary, so every provider is covered: a transient
/// <see cref="DbException"/>, a connection-class SQLSTATE (08xxx), a server shutting down (57P01-57P03),
/// or a socket failure under a database exception.
/// </summary>
internal sealed class StorageUnavailableProblemMap : IExceptionProblemMap
{
    /// <summary>The seconds a caller is asked to wait before repeating (<c>Retry-After</c>).</summary>
    public const int RetryAfterSeconds = 5;

    public ProblemDetails? ProblemFor(Exception exception) => IsUnavailable(exception)
        ? new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The hub's database is unavailable.",
            Detail = $"The database did not answer, so the request may not have been carried out. Repeat it in {RetryAfterSeconds} s or later; an Idempotency-Key makes the repeat safe.",
        }
        : null;

    private static bool IsUnavailable(Exception exception)
    {
        var underDatabase = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException database)
            {
                underDatabase = true;
                if (database.IsTransient || database.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03"))
                {
                    return true;
                }
            }
            else if (underDatabase && e is SocketException or IOException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
