using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.Web.Requests;

/// <summary>
/// Holds an endpoint to its <see cref="RequestBodyLimit"/>: a body declared longer is refused
/// before a byte is read, and a chunked one as soon as it passes the limit. The body is read
/// (and buffered) here, before model binding, the idempotency fingerprint or the handler see
/// it, so every one of them finds it whole and within the limit, and the refusal is one answer
/// whatever would have read it first.
/// </summary>
internal static class RequestBodyLimitGuard
{
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
            feature.MaxRequestBodySize = max;
        }

        var request = context.Request;
        if (request.ContentLength > max || !await FitsAsync(request, max, context.RequestAborted))
        {
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

    private static IResult TooLarge(long max) => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["body"] = [$"At most {max} bytes."] },
        detail: $"body: At most {max} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large; nothing was changed.");
}
