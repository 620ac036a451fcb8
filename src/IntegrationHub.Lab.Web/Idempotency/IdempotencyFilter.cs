using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Hosting;
using IntegrationHub.Lab.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Web.Idempotency;

/// <summary>
/// The web half of <c>Idempotency-Key</c>: validates the key, answers repeats from the stored
/// record, and otherwise hands the key to the request's <see cref="IdempotencyScope"/>, which the
/// lab's unit of work spends in the business transaction; once that has committed, the answer is
/// stored for the repeats.
/// </summary>
internal sealed partial class IdempotencyFilter(
    IdempotencyStore store,
    IdempotencyScope scope,
    IIdempotencyInFlight locks,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(IdempotencyKeyHeader.Name, out var values))
        {
            return await next(context);
        }

        if (IdempotencyKeyHeader.Problem(values) is { } problem)
        {
            return IdempotencyProblems.InvalidKey(problem);
        }

        var key = values[0]!;
        var labId = http.Request.RouteValues.TryGetValue("labId", out var raw) && long.TryParse(raw?.ToString(), out var lab) ? lab : 0;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"{http.Request.Method} {http.Request.Path}";
        var hash = await RequestFingerprint.OfAsync(http.Request, http.RequestAborted);

        using var held = await locks.TryEnterAsync(labId, key, options.Value.InFlightWait, http.RequestAborted);
        if (held is null)
        {
            return IdempotencyProblems.StillRunning(key);
        }

        if (await store.FindAsync(labId, key, http.RequestAborted) is { } spent)
        {
            return AnswerFrom(spent, hash);
        }

        scope.Claim(new IdempotencyClaim(labId, key, operation, hash));
        object? result;
        try
        {
            result = await next(context);
        }
        catch (IdempotencyKeyTakenException)
        {
            // Another process spent the key between our look-up and our commit; ours rolled back.
            return await store.FindAsync(labId, key, CancellationToken.None) is { } winner ? AnswerFrom(winner, hash) : IdempotencyProblems.StillRunning(key);
        }

        if (!scope.Committed)
        {
            // Nothing committed (a 404, say): the key stays free, as if it had not been sent.
            if ((result as IStatusCodeHttpResult)?.StatusCode is >= 200 and < 300)
            {
                LogNotSpent(logger, operation);
            }

            return result;
        }

        var answer = await IdempotentAnswer.CaptureAsync(result, http);
        try
        {
            // The change has committed: store its answer even if the caller has gone.
            await store.RecordAnswerAsync(labId, key, answer.StatusCode, answer.Body, answer.Location, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The caller still gets the answer; repeats get 409 "answer not recorded" instead of a second change.
            LogNotRecorded(logger, e, key, labId);
        }

        return answer;
    }

    private static IResult AnswerFrom(IdempotencyRecord spent, string hash) =>
        spent.RequestHash != hash ? IdempotencyProblems.OtherRequest(spent.Key, spent.Operation)
        : spent.ResponseStatus is null ? IdempotencyProblems.AnswerNotRecorded(spent.Key, spent.Operation)
        : IdempotentAnswer.Replay(spent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} succeeded without a LabUnitOfWork, so its Idempotency-Key was not spent; WithIdempotency() protects only changes made in one.")]
    private static partial void LogNotSpent(ILogger logger, string operation);

    [LoggerMessage(Level = LogLevel.Error, Message = "The answer of Idempotency-Key {Key} of lab {LabId} could not be stored; repeats will answer 409.")]
    private static partial void LogNotRecorded(ILogger logger, Exception e, string key, long labId);
}
