namespace IntegrationHub.Logging;

/// <summary>A filter over the directory, newest first, paged by keyset.</summary>
public sealed record LogQuery
{
    public long? LabId { get; init; }

    /// <summary>
    /// The labs the reader may see: null for every lab, else only logs of these labs (an empty set
    /// matches nothing). Applies together with <see cref="LabId"/>.
    /// </summary>
    public IReadOnlyCollection<long>? LabIds { get; init; }

    /// <summary>Only logs whose current error has this <see cref="Logging.ErrorSignature"/>.</summary>
    public string? ErrorSignature { get; init; }

    public int? ActionId { get; init; }

    public long? IntegrationId { get; init; }

    public string? Vendor { get; init; }

    public LogStatus? Status { get; init; }

    public LogDirection? Direction { get; init; }

    /// <summary>Inclusive lower bound of creation time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound of creation time.</summary>
    public DateTimeOffset? To { get; init; }

    public long? PatientId { get; init; }

    public long? BillId { get; init; }

    public long? SampleId { get; init; }

    public long? ReportId { get; init; }

    /// <summary>A search (<c>q</c>) resolved to entities and a reference: only logs matching any of them. Null: no search.</summary>
    public LogSearch? Search { get; init; }

    /// <summary>Page size, 1 to <see cref="MaxLimit"/>. Default: 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>The <see cref="LogPage.NextCursor"/> of the previous page; null for the first.</summary>
    public string? Cursor { get; init; }

    public const int MaxLimit = 500;
}

/// <summary>One page of log summaries and the cursor of the next, null on the last page.</summary>
public sealed record LogPage(IReadOnlyList<LogSummary> Items, string? NextCursor);

/// <summary>A log without bodies: what a list shows.</summary>
public sealed record LogSummary
{
    public required string Id { get; init; }

    public LogDirection Direction { get; init; }

    public long LabId { get; init; }

    public int ActionId { get; init; }

    public string ActionName { get; init; } = "";

    public long? IntegrationId { get; init; }

    public string? IntegrationName { get; init; }

    public string? Vendor { get; init; }

    public LogContext Context { get; init; } = new();

    public DateTimeOffset CreatedAt { get; init; }

    public LogStatus Status { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public int? HttpStatus { get; init; }

    public ErrorRecord? Error { get; init; }

    public double? DurationMs { get; init; }

    public static LogSummary From(IntegrationLog log) => new()
    {
        Id = log.Id,
        Direction = log.Direction,
        LabId = log.LabId,
        ActionId = log.ActionId,
        ActionName = log.ActionName,
        IntegrationId = log.IntegrationId,
        IntegrationName = log.IntegrationName,
        Vendor = log.Vendor,
        Context = log.Context,
        CreatedAt = log.CreatedAt,
        Status = log.State.Status,
        Attempts = log.State.Attempts,
        UpdatedAt = log.State.UpdatedAt,
        HttpStatus = log.State.LastAttempt?.Response?.StatusCode,
        Error = log.State.LastAttempt?.Error,
        DurationMs = log.State.LastAttempt?.DurationMs,
    };
}
