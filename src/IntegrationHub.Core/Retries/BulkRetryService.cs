using System.Collections.Concurrent;
using IntegrationHub.Access;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Retries;

/// <summary>
/// Retries every FAIL log matching a filter, each by intent reconstruction like a single manual
/// retry. The retries go through the queue, so the workers' per-integration rate and concurrency
/// limits apply to them as to any delivery. Jobs live in memory: a restart loses the progress
/// view, never a queued retry. A job belongs to the labs its filter reaches: a reader sees it only
/// when its own scope covers all of them.
/// </summary>
public sealed class BulkRetryService(ILogReadModel logs, IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>The most logs one job retries; a larger match is capped and says so.</summary>
    public const int MaxLogs = 5_000;

    private const int KeptJobs = 50;

    private readonly ConcurrentDictionary<string, BulkRetryJob> _jobs = new();

    /// <summary>The dry run: how many FAIL logs the filter matches now.</summary>
    public Task<long> CountAsync(LogQuery filter, CancellationToken cancellationToken) =>
        logs.CountAsync(filter with { Status = LogStatus.Fail, Cursor = null }, cancellationToken);

    /// <summary>
    /// Starts a job in the background and returns its first progress. The filter's
    /// <see cref="LogQuery.LabId"/> and <see cref="LogQuery.LabIds"/> (the requester's scope) decide
    /// which labs the job belongs to; without either it belongs to every lab.
    /// </summary>
    public BulkRetryProgress Start(LogQuery filter, string requestedBy)
    {
        var job = new BulkRetryJob(Guid.CreateVersion7().ToString("N"), requestedBy, time.GetUtcNow(), LabScope.Of(filter.LabId, filter.LabIds));
        _jobs[job.Id] = job;
        foreach (var old in _jobs.Values.OrderByDescending(j => j.StartedAt).Skip(KeptJobs).ToList())
        {
            _jobs.TryRemove(old.Id, out _);
        }

        _ = Task.Run(() => RunAsync(job, filter with { Status = LogStatus.Fail, Cursor = null, Limit = LogQuery.MaxLimit }));
        return job.Snapshot();
    }

    /// <summary>
    /// The job's progress, or null when there is no such job or it reaches a lab outside
    /// <paramref name="readerLabs"/>: another lab's job answers exactly as an unknown id.
    /// </summary>
    public BulkRetryProgress? Find(string id, LabScope readerLabs) =>
        _jobs.TryGetValue(id, out var job) && readerLabs.Covers(job.Labs) ? job.Snapshot() : null;

    private async Task RunAsync(BulkRetryJob job, LogQuery filter)
    {
        try
        {
            var ids = await MatchAsync(filter, job);
            await using (var scope = scopes.CreateAsyncScope())
            {
                var retries = scope.ServiceProvider.GetRequiredService<ManualRetryService>();
                foreach (var id in ids)
                {
                    var result = await retries.RetryAsync(id, job.RequestedBy, CancellationToken.None);
                    job.Record(id, result);
                }
            }

            await WatchAsync(job);
        }
        catch (Exception e)
        {
            job.Abort($"The bulk retry stopped: {e.Message}");
        }
    }

    private async Task<List<string>> MatchAsync(LogQuery filter, BulkRetryJob job)
    {
        var ids = new List<string>();
        var query = filter;
        while (ids.Count <= MaxLogs)
        {
            var page = await logs.QueryAsync(query, CancellationToken.None);
            ids.AddRange(page.Items.Where(i => i.Status == LogStatus.Fail).Select(i => i.Id));
            if (page.NextCursor is null)
            {
                break;
            }

            query = query with { Cursor = page.NextCursor };
        }

        job.Matched(Math.Min(ids.Count, MaxLogs), capped: ids.Count > MaxLogs);
        return ids.Count > MaxLogs ? ids[..MaxLogs] : ids;
    }

    /// <summary>Follows the queued retries until each has ended, polling only those still pending.</summary>
    private async Task WatchAsync(BulkRetryJob job)
    {
        while (job.PendingIds() is { Count: > 0 } pending)
        {
            foreach (var id in pending)
            {
                var log = await logs.GetAsync(id, CancellationToken.None);
                if (log is null || log.State.Status is LogStatus.Success or LogStatus.Fail)
                {
                    job.Ended(id, log?.State.Status == LogStatus.Success);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time);
        }

        job.Finish();
    }
}
