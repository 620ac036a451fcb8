namespace IntegrationHub.Logging;

/// <summary>Folds a store's waiting rows (one per integration and status) into <see cref="WaitingDeliveries"/>, the way every store answers.</summary>
public static class WaitingRows
{
    /// <summary>One row: an integration's logs in one waiting status.</summary>
    public sealed record Row(long IntegrationId, string? IntegrationName, LogStatus Status, long Count, DateTimeOffset OldestSince, DateTimeOffset? NextRetryAt);

    public static IReadOnlyList<WaitingDeliveries> Fold(IEnumerable<Row> rows) =>
    [
        .. rows.GroupBy(r => r.IntegrationId).Select(g => new WaitingDeliveries(
            g.Key,
            g.Select(r => r.IntegrationName).FirstOrDefault(n => n is not null),
            g.Where(r => r.Status == LogStatus.Queued).Sum(r => r.Count),
            g.Where(r => r.Status == LogStatus.Retrying).Sum(r => r.Count),
            g.Min(r => r.OldestSince),
            g.Where(r => r.Status == LogStatus.Retrying).Min(r => r.NextRetryAt)))
        .OrderByDescending(w => w.Queued + w.Retrying).ThenBy(w => w.IntegrationId),
    ];
}
