using IntegrationHub.Lab.Domain;
using IntegrationHub.Logging;

namespace IntegrationHub.Lab.Hosting;

/// <summary>Whether the request's lab database context still holds a transaction (a doomed one, typically, once its handler has thrown).</summary>
internal sealed class LabTransactionProbe(LabDbContext db) : IBusinessTransactionProbe
{
    public bool HasOpenTransaction => db.Database.CurrentTransaction is not null;
}
