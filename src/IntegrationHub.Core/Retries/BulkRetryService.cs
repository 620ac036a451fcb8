using IntegrationHub.Access;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Retries;

/// <summary>
/// Retries every FAIL log matching a filter, each by intent reconstruction like a single manual
/// retry. The retries go through the queue, so the workers' per-integration rate and concurrency
/// limits apply to them as to any delivery. Jobs live in the <see cref="IBulkRetryJobStore"/>: their
/// progress outlives a restart and is read by every process, and a job interrupted by a stop or a
/// crash is taken up again where it stopped (see <see cref="BulkRetryOptions.Lease"/>). A job belongs
/// to the labs its filter reaches: a reader sees it only when its own scope covers all of them.
/// </summary>
public sealed partial class BulkRetryService(
    IBulkRetryJobStore jobs,
    ILogReadModel logs,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<BulkRetryOptions> options,
    ILogger<BulkRetryService> logger) : BackgroundService
{
    /// <summary>The most logs one job retries; a larger match is capped and says so.</summary>
    public const int MaxLogs = 5_000;

    /// <summary>How many of the newest jobs are kept; older finished ones are deleted as new ones start.</summary>
    public const int KeptJobs = 50;

    /// <summary>The dry run: how many FAIL logs the filter matches now.</summary>
    public Task<long> CountAsync(LogQuery filter, CancellationToken cancellationToken) =>
        logs.CountAsync(filter with { Status = LogStatus.Fail, Cursor = null }, cancellationToken);

    /// <summary>
    /// Stores a new job, starts it in the background and returns its first progress. The filter's
    /// <see cref="LogQuery.LabId"/> and <see cref="LogQuery.LabIds"/> (the requester's scope) decide
    /// which labs the job belongs to; without either it belongs to every lab.
    /// </summary>
    public async Task<BulkRetryProgress> StartAsync(LogQuery filter, string requestedBy, CancellationToken cancellationToken)
    {
        filter = filter with { Status = LogStatus.Fail, Cursor = null };
        var matched = await CountAsync(filter, cancellationToken);
        var now = time.GetUtcNow();
        var job = new BulkRetryJob
        {
            Progress = new BulkRetryProgress
            {
                Id = Guid.CreateVersion7().ToString("N"),
                RequestedBy = requestedBy,
                Filter = LogQueryFields.Of(filter),
                StartedAt = now,
                Matched = (int)Math.Min(matched, MaxLogs),
                Capped = matched > MaxLogs,
            },
            Filter = filter,
            Labs = LabScope.Of(filter.LabId, filter.LabIds),
            Owner = _owner,
            LeaseUntil = now + options.Value.Lease,
        };
        await jobs.CreateAsync(job, cancellationToken);
        await jobs.PruneAsync(KeptJobs, cancellationToken);
        Run(job);
        return job.Progress;
    }

    /// <summary>
    /// The job's progress, or null when there is no such job or it reaches a lab outside
    /// <paramref name="readerLabs"/>: another lab's job answers exactly as an unknown id.
    /// </summary>
    public async Task<BulkRetryProgress?> FindAsync(string id, LabScope readerLabs, CancellationToken cancellationToken) =>
        await jobs.GetAsync(id, cancellationToken) is { } job && readerLabs.Covers(job.Labs) ? job.Progress : null;

    /// <summary>The progress of the recent jobs (at most <see cref="KeptJobs"/>) whose labs <paramref name="readerLabs"/> covers, newest first.</summary>
    public async Task<IReadOnlyList<BulkRetryProgress>> ListAsync(LabScope readerLabs, CancellationToken cancellationToken) =>
        [.. (await jobs.ListRecentAsync(KeptJobs, cancellationToken)).Where(j => readerLabs.Covers(j.Labs)).Select(j => j.Progress)];
}
