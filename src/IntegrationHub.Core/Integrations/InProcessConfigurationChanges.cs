using IntegrationHub.Storage;

namespace IntegrationHub.Integrations;

/// <summary>
/// The engine's default <see cref="IConfigurationChanges"/>: subscribers of this process are called
/// synchronously, within <see cref="PublishAsync"/>. Other processes are not told; their caches
/// expire instead.
/// </summary>
public sealed class InProcessConfigurationChanges : IConfigurationChanges
{
    private readonly object _gate = new();
    private Subscription[] _subscribers = [];

    /// <inheritdoc />
    public ValueTask PublishAsync(long integrationId, CancellationToken cancellationToken)
    {
        Notify(integrationId);
        return ValueTask.CompletedTask;
    }

    /// <summary>Calls every subscriber of this process, before returning.</summary>
    public void Notify(long integrationId)
    {
        foreach (var subscription in Volatile.Read(ref _subscribers))
        {
            subscription.Changed(integrationId);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Action<long> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var subscription = new Subscription(this, changed);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    private sealed class Subscription(InProcessConfigurationChanges owner, Action<long> changed) : IDisposable
    {
        public Action<long> Changed => changed;

        public void Dispose() => owner.Unsubscribe(this);
    }
}
