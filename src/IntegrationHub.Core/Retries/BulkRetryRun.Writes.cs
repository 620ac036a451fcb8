using IntegrationHub.Storage;

namespace IntegrationHub.Retries;

internal sealed partial class BulkRetryRun
{
    /// <summary>
    /// Writes the job and what changed among its logs since the last write, renewing the lease by
    /// <paramref name="leaseFor"/> (default: <see cref="BulkRetryOptions.Lease"/>).
    /// </summary>
    /// <exception cref="BulkRetryJobLostException">Another process claimed the job.</exception>
    private async Task WriteAsync(CancellationToken cancellationToken, TimeSpan? leaseFor = null)
    {
        var now = time.GetUtcNow();
        var progress = _job.Progress;
        if (_job.Walked && _inHand.Count == 0)
        {
            // Logs may have left FAIL between the count at the start and the walk: the match is what was taken.
            progress = progress with { Matched = progress.Queued + progress.Skipped };
        }

        var job = _job with { Progress = progress, LeaseUntil = now + (leaseFor ?? options.Lease) };
        var step = new BulkRetryStep { Job = job, Taken = [.. _taken], Queued = [.. _queued], Settled = [.. _settled] };
        if (!await store.RecordAsync(step, cancellationToken))
        {
            throw new BulkRetryJobLostException(_job.Id);
        }

        _job = job;
        _taken.Clear();
        _queued.Clear();
        _settled.Clear();
        _lastWrite = now;
    }

    /// <summary>Writes once a third of the lease has passed since the last write, so the lease never runs out on a live run.</summary>
    private Task WriteIfDueAsync(CancellationToken cancellationToken) =>
        time.GetUtcNow() - _lastWrite >= options.Lease / 3 ? WriteAsync(cancellationToken) : Task.CompletedTask;
}
