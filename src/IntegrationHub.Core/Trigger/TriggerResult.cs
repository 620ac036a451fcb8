namespace IntegrationHub.Trigger;

/// <summary>What one event fanned out to: the ids of the logs it queued.</summary>
public sealed record TriggerResult(IReadOnlyList<string> LogIds)
{
    public static TriggerResult None { get; } = new([]);
}
