using IntegrationHub.Logging;

namespace IntegrationHub.Contracts;

/// <summary>Logs the outbox and transport suites start from.</summary>
internal static class ContractLogs
{
    /// <summary>A new QUEUED outbound log of integration 10 (lab 1, Patient Registration), created at <paramref name="createdAt"/>.</summary>
    public static IntegrationLog Queued(DateTimeOffset createdAt) => new()
    {
        Id = IntegrationLog.NewId(),
        LabId = 1,
        ActionId = 57,
        ActionName = "PatientRegistration",
        IntegrationId = 10,
        CreatedAt = createdAt,
        State = new LogState { UpdatedAt = createdAt },
    };
}
