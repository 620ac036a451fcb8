using IntegrationHub.Queue;

namespace IntegrationHub.Storage;

/// <summary>
/// The long poll of <see cref="IDeliveryTransport.ReceiveAsync"/> for a transport that leases from
/// a table: look, and with nothing to take wait for a wake, the next due time or the request's
/// longest wait, whichever comes first; then look again. The rules the contract holds every
/// transport to live here once: a lease once taken is always handed out (the look is never
/// cancelled half-way), a cancelled wait returns empty without throwing, and a wait that has run
/// in full ends with one last look whatever the clock then reads.
/// </summary>
public static class ReceiveLongPoll
{
    /// <summary>Runs the poll.</summary>
    /// <param name="request">What the caller asked for; its <see cref="ReceiveRequest.MaxWait"/> bounds the wait.</param>
    /// <param name="time">The transport's clock.</param>
    /// <param name="nextWake">Completes at the next wake after the call (work added or given back).</param>
    /// <param name="leaseAsync">Leases what is due at the moment given; never cancelled.</param>
    /// <param name="nextDueAsync">The earliest moment a task becomes takeable; null when there is none.</param>
    /// <param name="cancellationToken">Ends the wait (not a look under way).</param>
    public static async Task<IReadOnlyList<LeasedTask>> ReceiveAsync(
        ReceiveRequest request,
        TimeProvider time,
        Func<Task> nextWake,
        Func<DateTimeOffset, Task<IReadOnlyList<LeasedTask>>> leaseAsync,
        Func<Task<DateTimeOffset?>> nextDueAsync,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Max, 1, nameof(request));
        var deadline = time.GetUtcNow() + request.MaxWait;
        var waitedOut = false;
        while (true)
        {
            var wake = nextWake();
            var now = time.GetUtcNow();
            var leases = await leaseAsync(now);
            if (leases.Count > 0 || waitedOut || now >= deadline || cancellationToken.IsCancellationRequested)
            {
                return leases;
            }

            var (until, isDeadline) = (deadline, true);
            if (await nextDueAsync() is { } due && due > now && due < until)
            {
                (until, isDeadline) = (due, false);
            }

            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(until - now, time, stopWaiting.Token);

            // The timer is cancelled with the caller's token too, so this also ends the wait on it.
            await Task.WhenAny(wake, timer);
            await stopWaiting.CancelAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                return [];
            }

            waitedOut = isDeadline && timer.IsCompletedSuccessfully;
        }
    }
}
