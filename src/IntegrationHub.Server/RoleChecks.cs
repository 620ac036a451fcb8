using IntegrationHub.Storage;

namespace IntegrationHub.Server;

/// <summary>
/// What a role needs of the storage, checked before anything starts: a process that serves only
/// the web, or only delivers, is one of several, so its backend must share its state across
/// processes (limits, configuration changes, bulk retry jobs).
/// </summary>
internal static class RoleChecks
{
    public const string RoleKey = ServerSettings.Section + ":Role";

    /// <exception cref="StartupProblemException">A Web or Worker role on a backend that serves one process only.</exception>
    public static void Verify(HubRole role, IServiceCollection services)
    {
        if (role == HubRole.All)
        {
            return;
        }

        var capabilities = services.LastOrDefault(d => d.ServiceType == typeof(StorageCapabilities))?.ImplementationInstance as StorageCapabilities;
        if (capabilities is not { SharesStateAcrossProcesses: true })
        {
            throw new StartupProblemException(
                $"{RoleKey} = {role} needs a storage shared by several hub processes, and {capabilities?.Provider ?? "this storage"} serves one process only: " +
                $"use {StorageSettings.Section}:Provider=PostgreSql, or {RoleKey}=All.",
                StartupProblemException.InvalidSetting);
        }
    }
}
