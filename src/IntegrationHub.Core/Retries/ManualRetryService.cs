using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using IntegrationHub.Trigger;

namespace IntegrationHub.Retries;

/// <summary>
/// Manual retry as intent reconstruction (the seed's <c>_prepare_kwargs_*</c>): the ids are read
/// from the log, the live domain objects are loaded again by the family, and the family's trigger
/// runs again for that one integration. A corrected patient name is what the partner receives;
/// the stale payload is never replayed.
/// </summary>
public sealed class ManualRetryService(
    ILogReadModel logs,
    IIntegrationConfigStore configs,
    IntegrationTrigger trigger,
    IEnumerable<IActionFamily> families)
{
    /// <summary>Retries the log with this id, as <paramref name="requestedBy"/>.</summary>
    public async Task<ManualRetryResult> RetryAsync(string logId, string requestedBy, CancellationToken cancellationToken) =>
        await logs.GetAsync(logId, cancellationToken) is { } log
            ? await RetryAsync(log, requestedBy, cancellationToken)
            : new(ManualRetryStatus.NotFound, $"Log {logId} does not exist.");

    /// <summary>
    /// Retries <paramref name="log"/> as read by the caller: the retry is queued only while the stored
    /// log is still at <paramref name="log"/>'s <see cref="LogState.Version"/>.
    /// </summary>
    public async Task<ManualRetryResult> RetryAsync(IntegrationLog log, string requestedBy, CancellationToken cancellationToken)
    {
        if (log.Direction != LogDirection.Outbound || log.IntegrationId is null || ActionCatalog.Find(log.ActionId) is not { } action)
        {
            return Conflict("Only outbound deliveries can be retried.");
        }

        if (log.State.Status is LogStatus.Queued or LogStatus.Retrying)
        {
            return Conflict($"A delivery of this log is already {log.State.Status.ToString().ToLowerInvariant()}; retry it once it has ended.");
        }

        var integration = await configs.GetAsync(log.IntegrationId.Value, cancellationToken);
        if (integration is null)
        {
            return Conflict($"Integration {log.IntegrationId} no longer exists.");
        }

        if (!integration.Active)
        {
            return Conflict($"Integration {integration.Id} is inactive; activate it before retrying.");
        }

        var family = families.For(action);
        if (family is null)
        {
            return Conflict($"No {action.Family} action family is registered.");
        }

        var context = new EventContext
        {
            LabId = log.LabId,
            ActionId = action.Id,
            PatientId = log.Context.PatientId,
            BillId = log.Context.BillId,
            SampleId = log.Context.SampleId,
            ReportId = log.Context.ReportId,
            Source = "retry",
            OccurredAt = log.CreatedAt,
        };
        var model = await family.LoadModelAsync(context, cancellationToken);
        if (model.Model is null)
        {
            return Conflict(model.MissingReason ?? "The entity behind this log no longer exists.");
        }

        if (!await trigger.RequeueAsync(log, integration, context, model.Model, requestedBy, cancellationToken))
        {
            return Conflict("Another retry of this log was queued at the same moment.");
        }

        return new(ManualRetryStatus.Queued, null, log.State.Attempts + 1);
    }

    private static ManualRetryResult Conflict(string reason) => new(ManualRetryStatus.Conflict, reason);
}
