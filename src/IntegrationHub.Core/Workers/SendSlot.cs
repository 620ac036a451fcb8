namespace IntegrationHub.Workers;

/// <summary>One send's place in its integration's window; ended when its answer (or failure) arrived.</summary>
internal sealed class SendSlot(DateTimeOffset startedAt)
{
    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset FreesAt(TimeSpan window) => EndedAt is { } ended ? ended + window : DateTimeOffset.MaxValue;
}
