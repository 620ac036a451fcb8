using System.Collections.Concurrent;
using System.Security.Claims;
using IntegrationHub.Access;

namespace IntegrationHub.Web.Security;

/// <summary>
/// Writes the audit log for the API and the dashboard alike. Repeated views of the same payload by
/// the same actor within <see cref="ViewWindow"/> are written once: a page that polls must not
/// flood the log, while every distinct look is still recorded.
/// </summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    public static readonly TimeSpan ViewWindow = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string Actor, string Target), DateTimeOffset> _recentViews = new();

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

    /// <summary>Records that a user saw a payload (log bodies, a test-send preview).</summary>
    public async Task RecordViewAsync(ClaimsPrincipal user, string action, long labId, string target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = (user.Actor(), target);
        if (_recentViews.TryGetValue(key, out var last) && now - last < ViewWindow)
        {
            return;
        }

        _recentViews[key] = now;
        if (_recentViews.Count > 10_000)
        {
            foreach (var old in _recentViews.Where(p => now - p.Value >= ViewWindow).Select(p => p.Key).ToList())
            {
                _recentViews.TryRemove(old, out _);
            }
        }

        await RecordAsync(user, action, labId, target, null, cancellationToken);
    }
}
