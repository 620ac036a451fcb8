using IntegrationHub.Actions;
using IntegrationHub.Families;
using IntegrationHub.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Workers;

/// <summary>
/// A delivery's action family, built (with its scope and whatever it depends on, such as a database
/// context) on first use only: most deliveries stream no attachment and have no status callback,
/// and building the family for each of them cost a scope and a context per delivery.
/// </summary>
internal sealed class ActionFamilyOnDemand(IServiceScopeFactory scopes, ActionFamilyRegistration registration) : IActionFamily, IAsyncDisposable
{
    private AsyncServiceScope? _scope;
    private IActionFamily? _family;

    public ActionFamily Family => registration.Family;

    private IActionFamily Built()
    {
        if (_family is null)
        {
            _scope = scopes.CreateAsyncScope();
            _family = (IActionFamily)_scope.Value.ServiceProvider.GetRequiredService(registration.Implementation);
        }

        return _family;
    }

    public Task<ModelResult> LoadModelAsync(EventContext context, CancellationToken cancellationToken) =>
        Built().LoadModelAsync(context, cancellationToken);

    public Task<EventContext?> ContextForAsync(long labId, ActionId action, long entityId, CancellationToken cancellationToken) =>
        Built().ContextForAsync(labId, action, entityId, cancellationToken);

    public PayloadModel SampleModel(ActionId action) => Built().SampleModel(action);

    public Task<AttachmentData?> OpenAttachmentAsync(string name, EventContext context, CancellationToken cancellationToken) =>
        Built().OpenAttachmentAsync(name, context, cancellationToken);

    public Task OnDeliveryEndedAsync(DeliveryEnded outcome, CancellationToken cancellationToken) =>
        registration.ObservesDeliveries ? Built().OnDeliveryEndedAsync(outcome, cancellationToken) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }
    }
}
