using IntegrationHub.Configuration;
using IntegrationHub.Dispatch;
using IntegrationHub.Logging;
using IntegrationHub.Queue;
using IntegrationHub.Retries;
using IntegrationHub.Trigger;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Workers;

/// <summary>
/// The outbound half of the seed's <c>IntegrationDirectoryLogger</c>: wraps one dispatch so that
/// its QUEUED log always moves to the attempt's outcome, even when the dispatcher throws. When the
/// log store cannot be written, the attempt record travels through the queue instead and lands
/// later: no execution is left unlogged.
/// </summary>
public sealed class OutboundDirectoryLogger(
    ILogStore logs,
    IDispatchQueue queue,
    IDeliveryOutbox outbox,
    LogRecordRelay relay,
    RetryPolicy retryPolicy,
    TimeProvider time,
    ILogger<OutboundDirectoryLogger> logger)
{
    /// <summary>Runs <paramref name="dispatch"/> for a leased delivery and records its outcome. Returns the attempt.</summary>
    public async Task<AttemptRecord> RunAsync(LeasedTask lease, LabIntegration? integration, Func<Task<DispatchResult>> dispatch, CancellationToken cancellationToken)
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

        var next = decision.Retry
            ? task with { Attempt = task.Attempt + 1, RunAttempt = task.RunAttempt + 1, AttemptKind = AttemptKind.Automatic, RequestedBy = "system" }
            : null;
        try
        {
            await outbox.FinishAsync(lease, attempt, next, decision.At, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The store could not take the attempt with the task: the record goes the second way.
            logger.LogWarning(e, "Log store write failed for {LogId} attempt {Attempt}; the record goes through the queue.", attempt.LogId, attempt.Attempt);
            await relay.HandOffAsync(new DispatchTask { Kind = DispatchTaskKind.LogRecord, LogId = attempt.LogId, Record = attempt }, queueNow: true, cancellationToken);
            if (next is not null)
            {
                await queue.RescheduleAsync(lease, next, decision.At!.Value, cancellationToken);
            }
            else
            {
                await queue.CompleteAsync(lease, cancellationToken);
            }
        }

        return attempt;
    }

    /// <summary>Writes a log record that came through the queue; reschedules it with backoff while the store still fails.</summary>
    public async Task ApplyQueuedRecordAsync(LeasedTask lease, CancellationToken cancellationToken)
    {
        try
        {
            if (lease.Task.Log is { } log)
            {
                await logs.CreateAsync(log, cancellationToken);
            }
            else
            {
                await logs.RecordAttemptAsync(lease.Task.Record!, cancellationToken);
            }

            await queue.CompleteAsync(lease, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var delay = retryPolicy.Delay(lease.TimesLeased, null);
            logger.LogWarning(e, "Log store still failing for {LogId}; next try in {Delay}.", lease.Task.LogId, delay);
            await queue.RescheduleAsync(lease, lease.Task, time.GetUtcNow() + delay, cancellationToken);
        }
    }
}
