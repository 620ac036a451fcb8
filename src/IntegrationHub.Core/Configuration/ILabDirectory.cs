namespace IntegrationHub.Configuration;

/// <summary>
/// The lab domain's labs as the hub needs them: to validate configuration, to answer
/// <c>GET /api/labs</c> and to fill the dashboard's lab pickers. Implemented by the lab domain, so
/// neither the web layer nor the dashboard depends on how labs are stored.
/// </summary>
public interface ILabDirectory
{
    /// <summary>Whether a lab with this id exists.</summary>
    /// <param name="labId">The lab's id.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    Task<bool> LabExistsAsync(long labId, CancellationToken cancellationToken);

    /// <summary>Every lab, ordered by id; the caller filters by the user's lab scope.</summary>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    Task<IReadOnlyList<LabSummary>> ListLabsAsync(CancellationToken cancellationToken);
}
