using IntegrationHub.Configuration;
using IntegrationHub.Dispatch;
using IntegrationHub.Logging;
using IntegrationHub.Queue;
using IntegrationHub.Retries;
using IntegrationHub.Spool;
using IntegrationHub.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Workers;

/// <summary>
/// The outbound half of the seed's <c>IntegrationDirectoryLogger</c>: wraps one dispatch so that
/// its QUEUED log always moves to the attempt's outcome, even when the dispatcher throws. When the
/// log store cannot be written, the attempt record waits in the <see cref="LogRecordSpool"/> and
/// lands later: no execution is left unlogged.
/// </summary>
public sealed class OutboundDirectoryLogger(
    IDeliveryTransport transport,
    IDeliveryOutbox outbox,
    LogRecordSpool spool,
    RetryPolicy retryPolicy,
    TimeProvider time,
    ILogger<OutboundDirectoryLogger> logger)
{
    /// <summary>
    /// Runs <paramref name="dispatch"/> for a leased delivery and records its outcome. Returns the
    /// attempt. <paramref name="sent"/> is called once the exchange with the partner has ended,
    /// before its outcome is stored: the worker is free for the next send while the record waits for
    /// its group commit.
    /// </summary>
    public async Task<AttemptRecord> RunAsync(LeasedTask lease, LabIntegration? integration, Func<Task<DispatchResult>> dispatch, CancellationToken cancellationToken, Action? sent = null)
    {
        var task = lease.Task;
        var startedAt = time.GetUtcNow();
        DispatchResult result;
        try
        {
            result = await dispatch();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            result = new DispatchResult { Error = new ErrorRecord(ErrorClass.Internal, $"{e.GetType().Name}: {e.Message}") };
        }

        var decision = retryPolicy.Decide(result, task.RunAttempt, integration?.MaxAttempts ?? 1, time.GetUtcNow());
        var attempt = new AttemptRecord
        {
            LogId = task.LogId,
            Attempt = task.Attempt,
            Kind = task.AttemptKind,
            RequestedBy = task.RequestedBy,
            Outcome = result.Succeeded ? LogStatus.Success : decision.Retry ? LogStatus.Retrying : LogStatus.Fail,
            StartedAt = startedAt,
            DurationMs = result.DurationMs,
            Request = result.Request,
            Response = result.Response,
            Error = result.Error,
            NextAttemptAt = decision.At,
            PartnerReference = result.PartnerReference,
        };

        sent?.Invoke();
        var next = decision.Retry
            ? task with { Attempt = task.Attempt + 1, RunAttempt = task.RunAttempt + 1, AttemptKind = AttemptKind.Automatic, RequestedBy = "system" }
            : null;
        try
        {
            await outbox.FinishAsync(lease, attempt, next, decision.At, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The store could not take the attempt with the task: the record goes the second way,
            // and the task moves on in the transport (or, if that fails too, is taken again when its lease lapses).
            logger.LogWarning(e, "Log store write failed for {LogId} attempt {Attempt}; the record goes to the spool.", attempt.LogId, attempt.Attempt);
            await spool.HandOffAsync(PendingLogRecord.Attempt(attempt));
            if (next is not null)
            {
                await transport.RetryAtAsync(lease, next, decision.At!.Value, cancellationToken);
            }
            else
            {
                await transport.AcknowledgeAsync(lease, cancellationToken);
            }
        }

        return attempt;
    }
}
