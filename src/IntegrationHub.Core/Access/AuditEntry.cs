namespace IntegrationHub.Access;

/// <summary>One line of the append-only audit log: who did what, when, in which lab.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The user name, or <c>key:{name}</c> for an API key.</summary>
    public required string Actor { get; init; }

    /// <summary>What happened, e.g. <c>log.payload-viewed</c>, <c>log.retried</c>, <c>integration.updated</c>.</summary>
    public required string Action { get; init; }

    public long? LabId { get; init; }

    /// <summary>What it happened to, e.g. a log id or <c>integration 7</c>.</summary>
    public string? Target { get; init; }

    /// <summary>A short human-readable detail; never a secret or a payload.</summary>
    public string? Detail { get; init; }
}
