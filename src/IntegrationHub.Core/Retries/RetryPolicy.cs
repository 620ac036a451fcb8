using IntegrationHub.Dispatch;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Retries;

/// <summary>
/// Automatic retries: transient failures (connection, timeout, 408, 429, 5xx) are retried with
/// exponential backoff and jitter, up to the integration's attempt budget, honouring Retry-After
/// up to a cap. The schedule lives in the durable queue, so it survives restarts.
/// </summary>
public sealed class RetryPolicy(IOptions<RetryOptions> options)
{
    /// <summary>Decides the fate of an attempt that was the <paramref name="runAttempt"/>-th automatic one of its run.</summary>
    public RetryDecision Decide(DispatchResult result, int runAttempt, int maxAttempts, DateTimeOffset now)
    {
        if (result.Succeeded || !result.Transient || runAttempt >= maxAttempts)
        {
            return RetryDecision.Final;
        }

        return new RetryDecision(true, now + Delay(runAttempt, result.RetryAfter));
    }

    /// <summary>The wait after the <paramref name="runAttempt"/>-th attempt.</summary>
    public TimeSpan Delay(int runAttempt, TimeSpan? retryAfter)
    {
        var o = options.Value;
        if (retryAfter is { } asked)
        {
            return asked < o.RetryAfterCap ? asked : o.RetryAfterCap;
        }

        // Exponential, capped, then "equal jitter": between half and all of it, so retries of many
        // deliveries that failed together spread out instead of hitting the partner at once.
        var exponential = o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(runAttempt - 1, 30));
        var capped = Math.Min(exponential, o.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
