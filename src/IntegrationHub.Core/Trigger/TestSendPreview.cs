using IntegrationHub.Actions;

namespace IntegrationHub.Trigger;

/// <summary>
/// Exactly what a partner would receive for one entity, rendered from live data without sending:
/// secret headers masked, attachments named (they are streamed only at send time).
/// </summary>
public sealed record TestSendPreview
{
    public required EventContext Context { get; init; }

    public required string Method { get; init; }

    public required string Url { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string ContentType { get; init; }

    public required string Body { get; init; }

    /// <summary>Attachments the body refers to, streamed as base64 at send time.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];
}
