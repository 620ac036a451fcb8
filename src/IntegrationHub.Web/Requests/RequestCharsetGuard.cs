using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Web.Requests;

/// <summary>
/// Refuses a request whose <c>Content-Type</c> names a charset that is no known encoding, with
/// 415, before anything tries to decode its body. Left to the readers, each fails its own way
/// (the JSON binder with an exception, that is a 500); here every route answers the same.
/// </summary>
internal static class RequestCharsetGuard
{
    public static Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
        && HeaderUtilities.RemoveQuotes(type.Charset) is { Length: > 0 } charset
        && !IsKnown(charset.Value!)
            ? Unsupported().ExecuteAsync(context)
            : next(context);

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static IResult Unsupported() => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["Content-Type"] = ["The charset is not a known encoding; send UTF-8."] },
        detail: "Content-Type: the charset is not a known encoding; send UTF-8.",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "The request's encoding is not supported; nothing was changed.");
}
