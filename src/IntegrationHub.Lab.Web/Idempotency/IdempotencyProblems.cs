using IntegrationHub.Web.Api;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Lab.Web.Idempotency;

/// <summary>The answers of a key that cannot be honoured; none of them changes anything.</summary>
internal static class IdempotencyProblems
{
    public static IResult InvalidKey(string problem) => ApiProblems.Validation(IdempotencyKeyHeader.Name, problem);

    public static IResult OtherRequest(string key, string operation) => Results.Problem(
        title: "Idempotency-Key reused for a different request; nothing was changed.",
        detail: $"Idempotency-Key '{key}' was first used for another request ({operation}, a different method, path or body). A key is spent on one request: repeat that request exactly, or send a new key.",
        statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult StillRunning(string key) => Results.Problem(
        title: "The first call with this Idempotency-Key is still running; nothing was changed.",
        detail: $"A call with Idempotency-Key '{key}' is in progress. Repeat this request later to get its answer.",
        statusCode: StatusCodes.Status409Conflict);

    public static IResult AnswerNotRecorded(string key, string operation) => Results.Problem(
        title: "The change of this Idempotency-Key was made, but its answer was not recorded; nothing was changed now.",
        detail: $"Idempotency-Key '{key}' was spent by a committed {operation} whose answer was never stored (the server stopped between the commit and the answer, or another server is still answering). Look the change up instead of repeating it; a new key would make it a second time.",
        statusCode: StatusCodes.Status409Conflict);
}
