namespace IntegrationHub.Trigger;

/// <summary>A preview or a sent log id, or the reason neither was possible (unknown entity, unrenderable payload).</summary>
public sealed record TestSendResult(TestSendPreview? Preview, string? LogId, string? Problem)
{
    public static TestSendResult Failed(string problem) => new(null, null, problem);
}
