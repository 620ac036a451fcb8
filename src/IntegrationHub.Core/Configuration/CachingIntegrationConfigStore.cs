using System.Collections.Concurrent;
using IntegrationHub.Actions;
using IntegrationHub.Storage;

namespace IntegrationHub.Configuration;

/// <summary>
/// Keeps the hot reads of configuration (the fan-out lookup of every event, the integration of
/// every leased task) in memory. Writes through this store clear it at once; changes made by
/// another process are seen within <see cref="Lifetime"/>. Returned integrations are shared:
/// callers treat them as read-only.
/// </summary>
public sealed class CachingIntegrationConfigStore(IIntegrationConfigStore inner, TimeProvider time) : IIntegrationConfigStore
{
    /// <summary>How long a cached read is trusted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(long Lab, ActionId Action), Entry<IReadOnlyList<LabIntegration>>> _fanOut = new();
    private readonly ConcurrentDictionary<long, Entry<LabIntegration?>> _byId = new();
    private long _generation;

    public Task<IReadOnlyList<LabIntegration>> ListAsync(long? labId, CancellationToken cancellationToken) => inner.ListAsync(labId, cancellationToken);

    public Task<LabIntegration?> GetAsync(long id, CancellationToken cancellationToken) =>
        CachedAsync(_byId, id, () => inner.GetAsync(id, cancellationToken));

    public Task<IReadOnlyList<LabIntegration>> FindActiveAsync(long labId, ActionId actionId, CancellationToken cancellationToken) =>
        CachedAsync(_fanOut, (labId, actionId), () => inner.FindActiveAsync(labId, actionId, cancellationToken));

    public async Task<LabIntegration> CreateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var created = await inner.CreateAsync(integration, cancellationToken);
        Clear();
        return created;
    }

    public async Task<bool> UpdateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var updated = await inner.UpdateAsync(integration, cancellationToken);
        Clear();
        return updated;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteAsync(id, cancellationToken);
        Clear();
        return deleted;
    }

    private void Clear()
    {
        Interlocked.Increment(ref _generation);
        _fanOut.Clear();
        _byId.Clear();
    }

    private async Task<T> CachedAsync<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> cache, TKey key, Func<Task<T>> load)
        where TKey : notnull
    {
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        if (cache.TryGetValue(key, out var entry) && entry.Generation == generation && entry.Until > now)
        {
            return entry.Value;
        }

        var value = await load();

        // A write that happened while loading makes this value suspect: do not keep it.
        if (Interlocked.Read(ref _generation) == generation)
        {
            cache[key] = new Entry<T>(value, now + Lifetime, generation);
        }

        return value;
    }

    private sealed record Entry<T>(T Value, DateTimeOffset Until, long Generation);
}
