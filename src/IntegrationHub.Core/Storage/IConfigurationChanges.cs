namespace IntegrationHub.Storage;

/// <summary>
/// Carries "integration N changed" (created, updated or deleted) to everything that keeps
/// integrations in memory, such as <see cref="Integrations.CachingIntegrationConfigStore"/>, which
/// publishes each write it makes and drops its copy of each change it hears of.
/// </summary>
/// <remarks>
/// <para>
/// The default, <see cref="Integrations.InProcessConfigurationChanges"/>, reaches this process only:
/// another process sharing the storage sees a change once its cached copy expires
/// (<see cref="Integrations.CachingIntegrationConfigStore.Lifetime"/>). A backend shared by several
/// processes (<see cref="StorageCapabilities.SharesStateAcrossProcesses"/>) registers its own in its
/// <c>UseX()</c> (the last registration wins over the engine's default), and that implementation must:
/// </para>
/// <list type="bullet">
/// <item>call every subscriber of this process before <see cref="PublishAsync"/> returns, so the
/// writer's very next read sees its own change;</item>
/// <item>call every subscriber of every other process soon after the change was committed
/// (PostgreSQL: <c>NOTIFY</c> when publishing, a <c>LISTEN</c>ing connection in each process that
/// calls its subscribers);</item>
/// <item>not fail the write: <see cref="PublishAsync"/> runs after the change is committed, so an
/// unreachable bus is logged and waited for within a short bound of the implementation's own, and
/// the notice may be lost. A lost notice (a dropped connection, a process that was starting) is
/// covered by the cache's lifetime, which stays the backstop.</item>
/// </list>
/// </remarks>
public interface IConfigurationChanges
{
    /// <summary>Tells every subscriber, in this process and (cluster-wide) in the others, that an integration changed.</summary>
    /// <param name="integrationId">The integration created, updated or deleted.</param>
    /// <param name="cancellationToken">Ends the wait for the bus; the change itself is already committed.</param>
    ValueTask PublishAsync(long integrationId, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="changed"/> with the id of every integration changed from now on, until
    /// the returned subscription is disposed. It may be called on any thread, concurrently with
    /// itself, and more than once for one change; it must be quick and must not throw.
    /// </summary>
    /// <param name="changed">Receives the id of the changed integration.</param>
    IDisposable Subscribe(Action<long> changed);
}
