namespace IntegrationHub.Logging;

/// <summary>One (integration, action, status) count as a store returns it; folded into <see cref="LogStats"/>.</summary>
public sealed record StatsRow(long? IntegrationId, string? IntegrationName, int ActionId, string ActionName, LogStatus Status, long Count)
{
    public static LogStats Aggregate(IEnumerable<StatsRow> rows, DateTimeOffset from, DateTimeOffset to)
    {
        var total = StatusCounts.Zero;
        var byIntegration = new Dictionary<long, IntegrationCounts>();
        var byAction = new Dictionary<int, ActionCounts>();
        foreach (var row in rows)
        {
            total = total.Add(row.Status, row.Count);
            if (row.IntegrationId is { } id)
            {
                var current = byIntegration.GetValueOrDefault(id) ?? new IntegrationCounts(id, row.IntegrationName, StatusCounts.Zero);
                byIntegration[id] = current with { Counts = current.Counts.Add(row.Status, row.Count) };
            }

            var action = byAction.GetValueOrDefault(row.ActionId) ?? new ActionCounts(row.ActionId, row.ActionName, StatusCounts.Zero);
            byAction[row.ActionId] = action with { Counts = action.Counts.Add(row.Status, row.Count) };
        }

        return new LogStats(from, to, total, [.. byIntegration.Values.OrderBy(i => i.IntegrationId)], [.. byAction.Values.OrderBy(a => a.ActionId)]);
    }
}
