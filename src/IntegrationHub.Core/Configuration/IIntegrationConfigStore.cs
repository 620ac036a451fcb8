using IntegrationHub.Actions;

namespace IntegrationHub.Configuration;

/// <summary>Where <see cref="LabIntegration"/> rows live. Implemented once per backend.</summary>
public interface IIntegrationConfigStore
{
    /// <summary>All integrations, optionally of one lab, ordered by id.</summary>
    Task<IReadOnlyList<LabIntegration>> ListAsync(long? labId, CancellationToken cancellationToken);

    Task<LabIntegration?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Active integrations of (lab, action): the fan-out of one event.</summary>
    Task<IReadOnlyList<LabIntegration>> FindActiveAsync(long labId, ActionId actionId, CancellationToken cancellationToken);

    /// <summary>Stores a new integration and returns it with its id.</summary>
    Task<LabIntegration> CreateAsync(LabIntegration integration, CancellationToken cancellationToken);

    /// <summary>Replaces an integration; false when it does not exist.</summary>
    Task<bool> UpdateAsync(LabIntegration integration, CancellationToken cancellationToken);

    /// <summary>Deletes an integration; false when it does not exist. Its logs stay.</summary>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken);
}
