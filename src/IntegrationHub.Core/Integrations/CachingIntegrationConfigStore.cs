using System.Collections.Concurrent;
using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Storage;

namespace IntegrationHub.Integrations;

/// <summary>
/// Keeps the hot reads of configuration (the fan-out lookup of every event, the integration of
/// every leased task) in memory. Every write through this store is published on
/// <see cref="IConfigurationChanges"/>, and every change published there drops what is cached of
/// it, so a change is read at once by this process (and by every process, when the backend's
/// <see cref="IConfigurationChanges"/> is cluster-wide). <see cref="Lifetime"/> stays the backstop:
/// a change whose notice never arrives is read within it. Returned integrations are shared:
/// callers treat them as read-only.
/// </summary>
public sealed class CachingIntegrationConfigStore : IIntegrationConfigStore, IDisposable
{
    /// <summary>How long a cached read is trusted without a change notice.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private readonly IIntegrationConfigStore _inner;
    private readonly TimeProvider _time;
    private readonly IConfigurationChanges _changes;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<(long Lab, ActionId Action), Entry<IReadOnlyList<LabIntegration>>> _fanOut = new();
    private readonly ConcurrentDictionary<long, Entry<LabIntegration?>> _byId = new();
    private long _generation;

    public CachingIntegrationConfigStore(IIntegrationConfigStore inner, TimeProvider time, IConfigurationChanges changes)
    {
        _inner = inner;
        _time = time;
        _changes = changes;
        _subscription = changes.Subscribe(Forget);
    }

    public Task<IReadOnlyList<LabIntegration>> ListAsync(long? labId, CancellationToken cancellationToken) => _inner.ListAsync(labId, cancellationToken);

    public Task<LabIntegration?> GetAsync(long id, CancellationToken cancellationToken) =>
        CachedAsync(_byId, id, () => _inner.GetAsync(id, cancellationToken));

    public Task<IReadOnlyList<LabIntegration>> FindActiveAsync(long labId, ActionId actionId, CancellationToken cancellationToken) =>
        CachedAsync(_fanOut, (labId, actionId), () => _inner.FindActiveAsync(labId, actionId, cancellationToken));

    public async Task<LabIntegration> CreateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var created = await _inner.CreateAsync(integration, cancellationToken);
        await PublishAsync(created.Id);
        return created;
    }

    public async Task<bool> UpdateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var updated = await _inner.UpdateAsync(integration, cancellationToken);
        await PublishAsync(integration.Id);
        return updated;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var deleted = await _inner.DeleteAsync(id, cancellationToken);
        await PublishAsync(id);
        return deleted;
    }

    public void Dispose() => _subscription.Dispose();

    // The change is committed: a caller's cancellation must not keep the others from hearing of it.
    private ValueTask PublishAsync(long integrationId) => _changes.PublishAsync(integrationId, CancellationToken.None);

    /// <summary>
    /// Drops the changed integration and every fan-out (the change may move it into or out of any
    /// (lab, action)); a read still loading when the change arrived is not kept.
    /// </summary>
    private void Forget(long integrationId)
    {
        Interlocked.Increment(ref _generation);
        _byId.TryRemove(integrationId, out _);
        _fanOut.Clear();
    }

    private async Task<T> CachedAsync<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> cache, TKey key, Func<Task<T>> load)
        where TKey : notnull
    {
        var now = _time.GetUtcNow();
        if (cache.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return entry.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var value = await load();

        // A change that arrived while loading makes this value suspect: do not keep it. Looked at
        // again once stored, for a change that arrived between the first look and the store.
        if (Interlocked.Read(ref _generation) == generation)
        {
            var stored = new Entry<T>(value, now + Lifetime);
            cache[key] = stored;
            if (Interlocked.Read(ref _generation) != generation)
            {
                cache.TryRemove(KeyValuePair.Create(key, stored));
            }
        }

        return value;
    }

    private sealed record Entry<T>(T Value, DateTimeOffset Until);
}
