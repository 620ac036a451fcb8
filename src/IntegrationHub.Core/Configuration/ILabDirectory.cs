namespace IntegrationHub.Configuration;

/// <summary>The lab domain's answer to "does this lab exist", used to validate configuration.</summary>
public interface ILabDirectory
{
    Task<bool> LabExistsAsync(long labId, CancellationToken cancellationToken);
}
