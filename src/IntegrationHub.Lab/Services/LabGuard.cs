using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Services;

internal static class LabGuard
{
    public static async Task RequireLabAsync(LabDbContext db, long labId, CancellationToken cancellationToken)
    {
        if (!await db.Labs.AnyAsync(l => l.Id == labId, cancellationToken))
        {
            throw new LabNotFoundException(labId);
        }
    }
}

/// <summary>The lab in the route does not exist: the web layer answers 404.</summary>
public sealed class LabNotFoundException(long labId) : Exception($"Lab {labId} does not exist.")
{
    public long LabId { get; } = labId;
}
