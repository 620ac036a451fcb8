using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.Web.Requests;

/// <summary>
/// Holds an endpoint to its <see cref="RequestBodyLimit"/>: a body declared longer is refused
/// before a byte is read, and a chunked one as soon as it passes the limit. The body is read
/// (and buffered) here, before model binding, the idempotency fingerprint or the handler see
/// it, so every one of them finds it whole and within the limit, and the refusal is one answer
/// whatever would have read it first. Before refusing, the rest of the body is read and dropped
/// (up to <see cref="DrainFactor"/> times the limit, within <see cref="DrainTime"/>): a connection
/// closed with unread bytes is reset, and the client would lose the 413 with it.
/// </summary>
internal static class RequestBodyLimitGuard
{
    /// <summary>How much more than the limit is read and dropped so the refusal reaches the client.</summary>
    private const int DrainFactor = 4;

    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>() is not { } limit)
        {
            await next(context);
            return;
        }

        var max = limit.MaxBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max * (DrainFactor + 1);
        }

        var request = context.Request;
        var unbuffered = request.Body;
        if (request.ContentLength > max || !await FitsAsync(request, max, context.RequestAborted))
        {
            await DrainAsync(unbuffered, context.RequestAborted);
            await TooLarge(max).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static async Task<bool> FitsAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        var buffer = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > max)
                {
                    return false;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false;
        }

        request.Body.Position = 0;
        return true;
    }

    // Reads what is left of a refused body, bounded by the raised MaxRequestBodySize and by time; a
    // body past that bound ends the connection as before, only now the answer has been tried.
    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DrainTime);
        try
        {
            await body.CopyToAsync(Stream.Null, timeout.Token);
        }
        catch (Exception e) when (e is BadHttpRequestException or OperationCanceledException or IOException)
        {
        }
    }

    private static IResult TooLarge(long max) => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["body"] = [$"At most {max} bytes."] },
        detail: $"body: At most {max} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large; nothing was changed.");
}
