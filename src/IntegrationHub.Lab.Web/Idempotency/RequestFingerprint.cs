using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Lab.Web.Idempotency;

/// <summary>What makes two calls "the same request" for an <c>Idempotency-Key</c>.</summary>
internal static class RequestFingerprint
{
    /// <summary>
    /// Lower-case hex SHA-256 of the method, the path with its query and the body's bytes. The
    /// path carries the lab and the entity (report 5 is not report 6); the body is compared as
    /// sent, so a re-serialised body with other spacing counts as a different request.
    /// </summary>
    public static async Task<string> OfAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Body.CanSeek)
        {
            throw new InvalidOperationException("The request body was not buffered; map the route with WithIdempotency().");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        request.Body.Position = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
