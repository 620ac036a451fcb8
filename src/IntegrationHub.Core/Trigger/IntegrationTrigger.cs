using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Queue;
using IntegrationHub.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Trigger;

/// <summary>
/// The shared half of every family's trigger: find the active integrations of (lab, action),
/// prepare each one's payload, and write one QUEUED log and one task per integration through the
/// outbox, inside the business transaction. No network I/O happens here.
/// </summary>
public sealed class IntegrationTrigger(
    IIntegrationConfigStore configs,
    IDeliveryOutbox outbox,
    PayloadRenderer renderer,
    TimeProvider time,
    IOptions<BodyCaptureOptions> options,
    ICallOrigins origins)
{
    /// <summary>Fans one event out to every active integration of its lab and action.</summary>
    public async Task<TriggerResult> FanOutAsync(EventContext context, PayloadModel model, IBusinessTransaction transaction, CancellationToken cancellationToken)
    {
        var integrations = await configs.FindActiveAsync(context.LabId, context.ActionId, cancellationToken);
        if (integrations.Count == 0)
        {
            return TriggerResult.None;
        }

        var now = time.GetUtcNow();
        var origin = origins.Current;
        context = Stamped(context, now);
        var deliveries = new List<OutboxDelivery>(integrations.Count);
        foreach (var integration in integrations)
        {
            deliveries.Add(Prepare(context, model, integration, IntegrationLog.NewId(), now, origin));
        }

        await outbox.WriteAsync(transaction, deliveries, cancellationToken);
        var ids = deliveries.ConvertAll(d => d.Log.Id);
        origin?.Record(context, ids);
        return new TriggerResult(ids);
    }

    /// <summary>
    /// Fans many events out inside one business transaction (a bulk change): the integrations of
    /// each (lab, action) are looked up once and every log and task is written in one outbox call,
    /// so the transaction, and the single writer it holds, stays short. One result per event, in order.
    /// </summary>
    public async Task<IReadOnlyList<TriggerResult>> FanOutAsync(IReadOnlyList<(EventContext Context, PayloadModel Model)> events, IBusinessTransaction transaction, CancellationToken cancellationToken)
    {
        var integrationsOf = new Dictionary<(long, ActionId), IReadOnlyList<LabIntegration>>();
        var deliveries = new List<OutboxDelivery>();
        var results = new List<TriggerResult>(events.Count);
        var now = time.GetUtcNow();
        var origin = origins.Current;
        foreach (var (raised, model) in events)
        {
            var context = Stamped(raised, now);
            if (!integrationsOf.TryGetValue((context.LabId, context.ActionId), out var integrations))
            {
                integrations = await configs.FindActiveAsync(context.LabId, context.ActionId, cancellationToken);
                integrationsOf[(context.LabId, context.ActionId)] = integrations;
            }

            var prepared = integrations.Select(i => Prepare(context, model, i, IntegrationLog.NewId(), now, origin)).ToList();
            deliveries.AddRange(prepared);
            if (prepared.Count > 0)
            {
                origin?.Record(context, prepared.ConvertAll(d => d.Log.Id));
            }

            results.Add(prepared.Count == 0 ? TriggerResult.None : new TriggerResult(prepared.ConvertAll(d => d.Log.Id)));
        }

        if (deliveries.Count > 0)
        {
            await outbox.WriteAsync(transaction, deliveries, cancellationToken);
        }

        return results;
    }

    /// <summary>
    /// Sends one event to one integration outside any business change (a test send): a new log and
    /// task of their own, the first attempt marked manual and requested by <paramref name="requestedBy"/>.
    /// </summary>
    public async Task<string> SendOneAsync(EventContext context, PayloadModel model, LabIntegration integration, string requestedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var origin = origins.Current;
        context = Stamped(context, now);
        var delivery = Prepare(context, model, integration, IntegrationLog.NewId(), now, origin);
        if (delivery.Task is { } task)
        {
            delivery = delivery with { Task = task with { AttemptKind = AttemptKind.Manual, RequestedBy = requestedBy } };
        }

        await outbox.WriteAsync([delivery], cancellationToken);
        origin?.Record(context, [delivery.Log.Id]);
        return delivery.Log.Id;
    }

    /// <summary>
    /// Runs the trigger again for one integration of an existing log, with a model rebuilt from live
    /// data: the next attempt of that log. False when the log changed meanwhile (another retry won).
    /// </summary>
    public async Task<bool> RequeueAsync(IntegrationLog log, LabIntegration integration, EventContext context, PayloadModel model, string requestedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var payload = RenderFor(context, model, integration, log.Id);
        var task = NewTask(log.Id, integration, context, payload) with
        {
            Attempt = log.State.Attempts + 1,
            AttemptKind = AttemptKind.Manual,
            RequestedBy = requestedBy,
        };
        var state = log.State with
        {
            Status = LogStatus.Queued,
            UpdatedAt = now,
            CompletedAt = null,
            NextAttemptAt = null,
            Version = log.State.Version + 1,
        };
        return await outbox.RequeueAsync(log.Id, log.State.Version, state, task, cancellationToken);
    }

    /// <summary>
    /// The event's time as every store keeps it, to the millisecond (now when the caller gave none).
    /// A log is created at its event's time, so a manual retry, which rebuilds the payload with the
    /// log's creation time as <c>event.occurredAt</c>, sends exactly the time the first send did.
    /// </summary>
    private static EventContext Stamped(EventContext context, DateTimeOffset now)
    {
        var at = context.OccurredAt == default ? now : context.OccurredAt;
        return context with { OccurredAt = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) };
    }

    private OutboxDelivery Prepare(EventContext context, PayloadModel model, LabIntegration integration, string logId, DateTimeOffset now, CallOrigin? origin)
    {
        var log = NewLog(context, integration, logId, now, origin);
        try
        {
            var payload = RenderFor(context, model, integration, logId);
            log = log with { Payload = BodyCapture.Capture(payload.ContentType, payload.Body, options.Value.MaxLoggedBodyBytes) };
            return new OutboxDelivery(log, NewTask(logId, integration, context, payload));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // A template that passed validation but fails on real data: the execution is logged as a
            // configuration failure and the business operation goes on.
            var failed = new AttemptRecord
            {
                LogId = logId,
                Attempt = 1,
                Outcome = LogStatus.Fail,
                StartedAt = now,
                Error = new ErrorRecord(ErrorClass.Configuration, $"Payload could not be rendered: {e.Message}"),
            };
            var state = new LogState { Status = LogStatus.Fail, Attempts = 1, UpdatedAt = now, CompletedAt = now, LastAttempt = failed };
            return new OutboxDelivery(log with { State = state }, null);
        }
    }

    private RenderedPayload RenderFor(EventContext context, PayloadModel model, LabIntegration integration, string logId) =>
        renderer.Render(integration.Payload, DeliveryModel.For(model, context, integration.Attachments, logId));

    private static IntegrationLog NewLog(EventContext context, LabIntegration integration, string logId, DateTimeOffset now, CallOrigin? origin)
    {
        var action = ActionCatalog.Get(context.ActionId);
        return new IntegrationLog
        {
            Id = logId,
            LabId = context.LabId,
            ActionId = (int)action.Id,
            ActionName = action.Name,
            Family = action.Family,
            IntegrationId = integration.Id,
            IntegrationName = integration.Name,
            Vendor = integration.Vendor,
            Context = new LogContext
            {
                PatientId = context.PatientId,
                BillId = context.BillId,
                SampleId = context.SampleId,
                ReportId = context.ReportId,
                Source = context.Source,
                Caller = origin?.Caller,
            },
            CausedBy = origin?.LogId,
            CreatedAt = context.OccurredAt,
            State = new LogState { Status = LogStatus.Queued, UpdatedAt = now },
        };
    }

    private static DispatchTask NewTask(string logId, LabIntegration integration, EventContext context, RenderedPayload payload) => new()
    {
        LogId = logId,
        IntegrationId = integration.Id,
        Context = context,
        Payload = payload,
        TimeoutSeconds = integration.TimeoutSeconds,
    };
}
