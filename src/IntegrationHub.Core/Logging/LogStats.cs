namespace IntegrationHub.Logging;

/// <summary>Counts by status for one time window.</summary>
public sealed record LogStats(
    DateTimeOffset From,
    DateTimeOffset To,
    StatusCounts Total,
    IReadOnlyList<IntegrationCounts> ByIntegration,
    IReadOnlyList<ActionCounts> ByAction);

public sealed record StatusCounts(long Queued, long Retrying, long Success, long Fail)
{
    public long Total => Queued + Retrying + Success + Fail;

    public StatusCounts Add(LogStatus status, long count) => status switch
    {
        LogStatus.Queued => this with { Queued = Queued + count },
        LogStatus.Retrying => this with { Retrying = Retrying + count },
        LogStatus.Success => this with { Success = Success + count },
        _ => this with { Fail = Fail + count },
    };

    public static StatusCounts Zero { get; } = new(0, 0, 0, 0);
}

public sealed record IntegrationCounts(long IntegrationId, string? IntegrationName, StatusCounts Counts);

public sealed record ActionCounts(int ActionId, string ActionName, StatusCounts Counts);
