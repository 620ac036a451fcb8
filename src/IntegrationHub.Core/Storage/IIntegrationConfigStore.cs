using IntegrationHub.Actions;
using IntegrationHub.Configuration;

namespace IntegrationHub.Storage;

/// <summary>
/// Where <see cref="LabIntegration"/> rows live. Implemented once per backend; the engine wraps it
/// in its caching and secret-protecting layers (<c>UseIntegrationConfigStore</c>), so the backend
/// only ever sees ciphertext secrets.
/// </summary>
public interface IIntegrationConfigStore
{
    /// <summary>All integrations, optionally of one lab, ordered by id.</summary>
    /// <param name="labId">One lab's integrations; null for every lab's.</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<IReadOnlyList<LabIntegration>> ListAsync(long? labId, CancellationToken cancellationToken);

    /// <summary>One integration; null when it does not exist.</summary>
    /// <param name="id">The integration's id.</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<LabIntegration?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Active integrations of (lab, action): the fan-out of one event, ordered by id.</summary>
    /// <param name="labId">The event's lab.</param>
    /// <param name="actionId">The event's action.</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<IReadOnlyList<LabIntegration>> FindActiveAsync(long labId, ActionId actionId, CancellationToken cancellationToken);

    /// <summary>Stores a new integration and returns it with its id.</summary>
    /// <param name="integration">The integration; its id is ignored.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task<LabIntegration> CreateAsync(LabIntegration integration, CancellationToken cancellationToken);

    /// <summary>Replaces an integration; false when it does not exist.</summary>
    /// <param name="integration">The integration, named by its id.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task<bool> UpdateAsync(LabIntegration integration, CancellationToken cancellationToken);

    /// <summary>Deletes an integration; false when it does not exist. Its logs stay.</summary>
    /// <param name="id">The integration's id.</param>
    /// <param name="cancellationToken">Abandons the write.</param>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken);
}
