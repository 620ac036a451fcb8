using IntegrationHub.Logging;
using IntegrationHub.Storage;

namespace IntegrationHub.Retries;

/// <summary>
/// One process's run of one bulk retry job, from where its store says it stands to its end: walks
/// the matching FAIL logs by keyset cursor, keeping at most a window of its retries queued at a
/// time, and follows the queued ones until each has ended.
/// </summary>
/// <remarks>
/// A log is written as taken (with its version), together with the cursor past it, before its
/// retry is queued; a resumed run retries a taken log only while its version is unchanged. So a
/// crash at any point neither skips a log nor retries one twice.
/// </remarks>
internal sealed partial class BulkRetryRun(
    BulkRetryJob job,
    IBulkRetryJobStore store,
    ILogReadModel logs,
    ManualRetryService retries,
    TimeProvider time,
    BulkRetryOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly HashSet<string> _pending = [];
    private readonly HashSet<string> _inHand = [];
    private readonly List<BulkRetryJobLog> _taken = [];
    private readonly List<string> _queued = [];
    private readonly List<string> _settled = [];
    private BulkRetryJob _job = job;
    private DateTimeOffset _lastWrite = time.GetUtcNow();

    /// <summary>Runs the job to its end; on <paramref name="stopping"/>, records how far it got and hands the job over.</summary>
    /// <exception cref="BulkRetryJobLostException">Another process claimed the job.</exception>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await ResumeAsync(stopping);
            while (true)
            {
                if (!_job.Walked && _pending.Count < options.Window)
                {
                    await TakeAsync(options.Window - _pending.Count, stopping);
                    continue;
                }

                if (_pending.Count == 0)
                {
                    break;
                }

                await Task.Delay(PollInterval, time, stopping);
                await FollowAsync(stopping);
            }

            _job = _job with { Progress = _job.Progress with { Done = true } };
            await WriteAsync(stopping);
        }
        catch (Exception e) when (stopping.IsCancellationRequested && e is not BulkRetryJobLostException)
        {
            // A lease that ends now: the next start (or another process) goes on at once.
            await WriteAsync(CancellationToken.None, leaseFor: TimeSpan.Zero);
        }
        catch (Exception e) when (e is not BulkRetryJobLostException)
        {
            _job = _job with { Progress = _job.Progress with { Done = true, SkipReason = $"The bulk retry stopped: {e.Message}" } };
            await WriteAsync(CancellationToken.None);
        }
    }

    /// <summary>Picks up the logs a previous run left taken or queued.</summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        var held = await store.ListLogsAsync(_job.Id, cancellationToken);
        _pending.UnionWith(held.Where(l => l.Queued).Select(l => l.LogId));
        var unsettled = held.Where(l => !l.Queued).ToList();
        if (unsettled.Count == 0)
        {
            return;
        }

        _inHand.UnionWith(unsettled.Select(l => l.LogId));
        foreach (var taken in unsettled)
        {
            var log = await logs.GetAsync(taken.LogId, cancellationToken);
            if (log is not null && log.State.Version != taken.Version)
            {
                // Its retry was queued before the run stopped, and only its outcome went unrecorded.
                Record(taken.LogId, new ManualRetryResult(ManualRetryStatus.Queued));
                continue;
            }

            Record(taken.LogId, log is null
                ? await retries.RetryAsync(taken.LogId, _job.Progress.RequestedBy, cancellationToken)
                : await retries.RetryAsync(log, _job.Progress.RequestedBy, cancellationToken));
            await WriteIfDueAsync(cancellationToken);
        }

        await WriteAsync(cancellationToken);
    }

    /// <summary>Takes at most <paramref name="room"/> more matching logs and queues their retries.</summary>
    private async Task TakeAsync(int room, CancellationToken cancellationToken)
    {
        var remaining = BulkRetryService.MaxLogs - (_job.Progress.Queued + _job.Progress.Skipped);
        if (remaining <= 0)
        {
            var more = await logs.QueryAsync(_job.Filter with { Cursor = _job.Cursor, Limit = 1 }, cancellationToken);
            _job = _job with { Walked = true, Progress = _job.Progress with { Capped = more.Items.Count > 0 } };
            await WriteAsync(cancellationToken);
            return;
        }

        var page = await logs.QueryAsync(_job.Filter with { Cursor = _job.Cursor, Limit = Math.Min(room, remaining) }, cancellationToken);
        var taken = new List<IntegrationLog>();
        foreach (var item in page.Items)
        {
            // One that has left FAIL since the page was read is no longer this job's.
            if (await logs.GetAsync(item.Id, cancellationToken) is { State.Status: LogStatus.Fail } log)
            {
                taken.Add(log);
            }
        }

        _taken.AddRange(taken.Select(l => new BulkRetryJobLog(l.Id, l.State.Version, Queued: false)));
        _inHand.UnionWith(taken.Select(l => l.Id));
        _job = _job with
        {
            Cursor = page.NextCursor ?? _job.Cursor,
            Walked = page.NextCursor is null,
            Progress = page.NextCursor is null ? _job.Progress with { Capped = false } : _job.Progress,
        };
        await WriteAsync(cancellationToken);

        foreach (var log in taken)
        {
            Record(log.Id, await retries.RetryAsync(log, _job.Progress.RequestedBy, cancellationToken));
            await WriteIfDueAsync(cancellationToken);
        }

        await WriteAsync(cancellationToken);
    }

    /// <summary>Looks at each queued retry once, and records those that have ended.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var progress = _job.Progress;
        foreach (var id in _pending.ToList())
        {
            var log = await logs.GetAsync(id, cancellationToken);
            if (log is null || log.State.Status is LogStatus.Success or LogStatus.Fail)
            {
                _pending.Remove(id);
                _settled.Add(id);
                progress = log?.State.Status == LogStatus.Success
                    ? progress with { Succeeded = progress.Succeeded + 1 }
                    : progress with { Failed = progress.Failed + 1 };
            }
        }

        _job = _job with { Progress = progress };
        if (_settled.Count > 0)
        {
            await WriteAsync(cancellationToken);
            return;
        }

        await WriteIfDueAsync(cancellationToken);
    }

    private void Record(string logId, ManualRetryResult result)
    {
        _inHand.Remove(logId);
        var progress = _job.Progress;
        if (result.Status == ManualRetryStatus.Queued)
        {
            _pending.Add(logId);
            _queued.Add(logId);
            _job = _job with { Progress = progress with { Queued = progress.Queued + 1 } };
            return;
        }

        var reason = result.Reason ?? "not retried";
        var reasons = new Dictionary<string, int>(_job.SkipReasons);
        reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        _settled.Add(logId);
        _job = _job with
        {
            SkipReasons = reasons,
            Progress = progress with { Skipped = progress.Skipped + 1, SkipReason = reasons.MaxBy(r => r.Value).Key },
        };
    }
}
