using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Webhooks;

/// <summary>Why a callback is refused: a 4xx with a title and a reason the partner's developer can act on.</summary>
internal sealed record WebhookRefusal(int StatusCode, string Title, string Detail)
{
    public IResult ToResult() => Results.Problem(detail: Detail, statusCode: StatusCode, title: Title);

    public static WebhookRefusal Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, "The callback is not authenticated; nothing was recorded.", detail);

    public static WebhookRefusal BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "The callback is invalid; nothing was recorded.", detail);
}
