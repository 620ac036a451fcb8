using System.Security.Claims;
using IntegrationHub.Access;
using IntegrationHub.Storage;

namespace IntegrationHub.Web.Security;

/// <summary>Writes the audit log for the API and the dashboard alike.</summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    public Task RecordAsync(ClaimsPrincipal user, string action, long? labId, string? target, string? detail, CancellationToken cancellationToken) =>
        log.AppendAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = user.Actor(),
            Action = action,
            LabId = labId,
            Target = target,
            Detail = detail,
        }, cancellationToken);

    /// <summary>Records that a user saw a payload or patient data (log bodies, a test-send preview, an entity): every view.</summary>
    public Task RecordViewAsync(ClaimsPrincipal user, string action, long labId, string target, CancellationToken cancellationToken) =>
        RecordAsync(user, action, labId, target, null, cancellationToken);
}
