namespace IntegrationHub.Storage;

/// <summary>
/// Prepares a backend's database before anything is served: creates or upgrades its schema, and
/// fails with a clear message when the database cannot be reached or is newer than this hub.
/// Registered by the backend's <c>UseX()</c>; the server runs every one at start.
/// </summary>
public interface IStorageInitializer
{
    /// <summary>Creates or upgrades the schema; safe to call again.</summary>
    /// <param name="cancellationToken">Ends the wait for the database.</param>
    Task InitializeAsync(CancellationToken cancellationToken);
}
