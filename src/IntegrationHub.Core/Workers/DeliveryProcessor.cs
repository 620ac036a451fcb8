using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Dispatch;
using IntegrationHub.Families;
using IntegrationHub.Logging;
using IntegrationHub.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Workers;

/// <summary>What a worker does with one leased task: dispatch it under the outbound logger, then run the family's status callback.</summary>
public sealed class DeliveryProcessor(
    IntegrationDispatcher dispatcher,
    OutboundDirectoryLogger directory,
    IServiceScopeFactory scopes,
    IEnumerable<ActionFamilyRegistration> registrations,
    TimeProvider time,
    ILogger<DeliveryProcessor> logger)
{
    private readonly Dictionary<ActionFamily, ActionFamilyRegistration> _registered = registrations.ToDictionary(r => r.Family);

    /// <summary>Processes one leased task; <paramref name="sent"/> is called once the partner exchange has ended (see <see cref="OutboundDirectoryLogger.RunAsync"/>).</summary>
    public async Task ProcessAsync(LeasedTask lease, LabIntegration? integration, CancellationToken cancellationToken, Action? sent = null)
    {
        var task = lease.Task;
        var (family, owner) = FamilyOf(task.Context?.ActionId);
        await using var familyOwner = owner;
        var attempt = await directory.RunAsync(lease, integration, () => (integration, family) switch
        {
            (_, null) => Task.FromResult(Refused($"No action family handles action {task.Context?.ActionId}.")),
            (null, _) => Task.FromResult(Refused($"Integration {task.IntegrationId} no longer exists.")),
            ({ Active: false }, _) => Task.FromResult(Refused($"Integration {integration.Id} is inactive.")),
            _ => dispatcher.DispatchAsync(task, integration, family, cancellationToken),
        }, cancellationToken, sent);

        if (attempt.Outcome is LogStatus.Success or LogStatus.Fail && integration is not null && family is not null)
        {
            await CallBackAsync(family, task, integration, attempt, cancellationToken);
        }
    }

    private async Task CallBackAsync(IActionFamily family, DispatchTask task, LabIntegration integration, AttemptRecord attempt, CancellationToken cancellationToken)
    {
        var ended = new DeliveryEnded(task.Context!, task.LogId, integration.Id, integration.Name, integration.Vendor,
            attempt.Outcome == LogStatus.Success, attempt.PartnerReference, time.GetUtcNow());
        try
        {
            await family.OnDeliveryEndedAsync(ended, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The delivery's outcome is already logged; a failing callback must not change it.
            logger.LogError(e, "Status callback of {Family} failed for log {LogId}.", family.Family, task.LogId);
        }
    }

    // A family registered through AddActionFamily is built only if the delivery uses it; any other
    // registration is resolved in a scope of its own, the way it was registered.
    private (IActionFamily? Family, IAsyncDisposable? Owner) FamilyOf(ActionId? action)
    {
        if (action is not { } id || ActionCatalog.Find((int)id) is not { } definition)
        {
            return (null, null);
        }

        if (_registered.TryGetValue(definition.Family, out var registration))
        {
            var onDemand = new ActionFamilyOnDemand(scopes, registration);
            return (onDemand, onDemand);
        }

        var scope = scopes.CreateAsyncScope();
        return (scope.ServiceProvider.GetServices<IActionFamily>().For(definition), scope);
    }

    private static DispatchResult Refused(string reason) =>
        new() { Error = new ErrorRecord(ErrorClass.Configuration, reason) };
}
