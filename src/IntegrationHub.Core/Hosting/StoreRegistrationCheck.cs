using IntegrationHub.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Hosting;

/// <summary>Fails the start, with the fix in the message, when no store or two stores are registered.</summary>
internal static class StoreRegistrationCheck
{
    private static readonly Type[] Contracts = [typeof(ILogStore), typeof(ILogReadModel), typeof(IIntegrationConfigStore), typeof(IDeliveryTransport), typeof(IDeliveryOutbox), typeof(IBulkRetryJobStore), typeof(StorageCapabilities)];

    public static void Verify(IServiceCollection services)
    {
        foreach (var contract in Contracts)
        {
            var count = services.Count(d => d.ServiceType == contract);
            if (count != 1)
            {
                throw new InvalidOperationException(
                    $"The Integration Hub needs exactly one {contract.Name}, found {count}. " +
                    "Register one backend: services.AddIntegrationHub(configuration).UseSqlite(\"Data Source=data/hub.db\").");
            }
        }
    }
}
