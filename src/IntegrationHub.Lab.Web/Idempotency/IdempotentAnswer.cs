using System.Text;
using System.Text.Json;
using IntegrationHub.Lab.Domain;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Lab.Web.Idempotency;

/// <summary>
/// The answer of a call with an <c>Idempotency-Key</c>, as bytes: the first call is sent exactly
/// what is stored, and a repeat is sent the stored copy with <c>Idempotent-Replayed: true</c>.
/// Exposes its status and value so the inbound log records it like any other answer.
/// </summary>
internal sealed class IdempotentAnswer(int statusCode, string body, string? location, bool replayed, object? value)
    : IResult, IStatusCodeHttpResult, IValueHttpResult
{
    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public object? Value { get; } = value;

    /// <summary>The JSON body, exactly as sent.</summary>
    public string Body { get; } = body;

    public string? Location { get; } = location;

    /// <summary>Runs the handler's result against a scratch response to keep what it would have sent.</summary>
    public static async Task<IdempotentAnswer> CaptureAsync(object? result, HttpContext http)
    {
        var scratch = new DefaultHttpContext { RequestServices = http.RequestServices };
        using var buffer = new MemoryStream();
        scratch.Response.Body = buffer;
        await (result as IResult ?? Results.Json(result)).ExecuteAsync(scratch);
        await scratch.Response.BodyWriter.FlushAsync(CancellationToken.None);
        var location = scratch.Response.Headers.Location.ToString();
        return new IdempotentAnswer(scratch.Response.StatusCode, Encoding.UTF8.GetString(buffer.ToArray()),
            location.Length == 0 ? null : location, replayed: false, (result as IValueHttpResult)?.Value ?? result);
    }

    /// <summary>The stored first answer of a spent key.</summary>
    public static IdempotentAnswer Replay(IdempotencyRecord record)
    {
        var body = record.ResponseBody ?? "";
        object? value = null;
        if (body.Length > 0)
        {
            using var document = JsonDocument.Parse(body);
            value = document.RootElement.Clone();
        }

        return new IdempotentAnswer(record.ResponseStatus ?? StatusCodes.Status200OK, body, record.ResponseLocation, replayed: true, value);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (replayed)
        {
            response.Headers[IdempotencyKeyHeader.Replayed] = "true";
        }

        if (Body.Length > 0)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(Body, Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
