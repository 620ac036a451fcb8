using IntegrationHub.Configuration;
using IntegrationHub.Logging;
using IntegrationHub.Storage;

namespace IntegrationHub.Integrations;

/// <summary>
/// The queue as an operator sees it (<c>GET /api/queue</c>, the dashboard's /queue): per
/// integration what waits (queued, retrying with the next attempt, the oldest), and over the last
/// hour the deliveries ended per 5 minutes and the partner latency (p50/p95) per 10 minutes.
/// Everything is read from the logs, so it is the same in every process of a cluster.
/// </summary>
public sealed class QueueMonitor(ILogReadModel logs, IIntegrationConfigStore integrations, TimeProvider time)
{
    /// <summary>The most finished deliveries read for the latency series (the newest of the hour).</summary>
    public const int MaxLatencySamples = 2_000;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The queue of <paramref name="labIds"/> (null: every lab), or of one lab or integration within them.</summary>
    public async Task<QueueSnapshot> SnapshotAsync(IReadOnlyCollection<long>? labIds, long? labId, long? integrationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var scope = labId is { } one ? (labIds is null || labIds.Contains(one) ? [one] : []) : labIds;
        var configured = (await integrations.ListAsync(labId, cancellationToken))
            .Where(i => scope is null || scope.Contains(i.LabId))
            .Where(i => integrationId is null || i.Id == integrationId)
            .ToDictionary(i => i.Id);
        var waiting = (await logs.GetWaitingAsync(scope, integrationId, cancellationToken)).ToDictionary(w => w.IntegrationId);
        var rows = configured.Values
            .Select(i => waiting.TryGetValue(i.Id, out var w)
                ? new QueueRow(i.Id, i.Name, i.LabId, i.Active, w.Queued, w.Retrying, w.OldestSince, w.NextRetryAt, i.RateLimitPerSecond, i.MaxConcurrency)
                : new QueueRow(i.Id, i.Name, i.LabId, i.Active, 0, 0, null, null, i.RateLimitPerSecond, i.MaxConcurrency))
            .OrderByDescending(r => r.Queued + r.Retrying).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var from = now - Window;
        var throughput = integrationId is null
            ? await logs.GetVolumeAsync(scope, from, now, TimeSpan.FromMinutes(5), cancellationToken)
            : [];
        var latency = await LatencyAsync(scope, integrationId, from, now, cancellationToken);
        return new QueueSnapshot(now, rows, throughput, latency);
    }

    // p50/p95 of the attempts' durations per 10 minutes, from the newest deliveries that ended in the hour.
    private async Task<IReadOnlyList<LatencyPoint>> LatencyAsync(IReadOnlyCollection<long>? labs, long? integrationId, DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var durations = new List<(DateTimeOffset At, double Ms)>();
        string? cursor = null;
        do
        {
            var page = await logs.QueryAsync(new LogQuery { LabIds = labs, IntegrationId = integrationId, Direction = LogDirection.Outbound, From = from, Limit = LogQuery.MaxLimit, Cursor = cursor }, cancellationToken);
            durations.AddRange(page.Items.Where(l => l.Status is LogStatus.Success or LogStatus.Fail && l.DurationMs is not null).Select(l => (l.UpdatedAt, l.DurationMs!.Value)));
            cursor = page.NextCursor;
        }
        while (cursor is not null && durations.Count < MaxLatencySamples);

        var buckets = VolumeBuckets.Cover(from, now, TimeSpan.FromMinutes(10));
        return [.. Enumerable.Range(0, buckets.Count).Select(i =>
        {
            var start = buckets.Start + (buckets.Size * i);
            var inBucket = durations.Where(d => d.At >= start && d.At < start + buckets.Size).Select(d => d.Ms).Order().ToList();
            return new LatencyPoint(start, inBucket.Count, Percentile(inBucket, 50), Percentile(inBucket, 95));
        })];
    }

    private static double? Percentile(List<double> sorted, int percent) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>The queue at <paramref name="At"/>.</summary>
/// <param name="At">When it was read.</param>
/// <param name="Integrations">Each integration in scope, the ones with most waiting first.</param>
/// <param name="Throughput">Deliveries created per 5 minutes over the last hour, by current status (all integrations in scope only).</param>
/// <param name="Latency">Partner latency per 10 minutes over the last hour.</param>
public sealed record QueueSnapshot(DateTimeOffset At, IReadOnlyList<QueueRow> Integrations, IReadOnlyList<VolumePoint> Throughput, IReadOnlyList<LatencyPoint> Latency);

/// <summary>One integration's queue.</summary>
public sealed record QueueRow(long IntegrationId, string Name, long LabId, bool Active, long Queued, long Retrying, DateTimeOffset? OldestSince, DateTimeOffset? NextRetryAt, double RateLimitPerSecond, int MaxConcurrency);

/// <summary>The latency of the deliveries that ended in one bucket; null percentiles when none did.</summary>
public sealed record LatencyPoint(DateTimeOffset Start, int Deliveries, double? P50Ms, double? P95Ms);
