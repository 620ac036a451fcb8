using IntegrationHub.Logging;

namespace IntegrationHub.Web.Api;

/// <summary>What a viewer may see of a log: metadata only, never a payload, body or header.</summary>
public static class LogRedaction
{
    public static IntegrationLog MetadataOnly(IntegrationLog log) => log with
    {
        Payload = null,
        Note = null,
        State = log.State with
        {
            LastAttempt = log.State.LastAttempt is { } last ? MetadataOnly(last) : null,
            Acknowledgement = log.State.Acknowledgement is { } ack ? MetadataOnly(ack) : null,
        },
    };

    /// <summary>A partner's reason is its own free text, often about the patient: status and times only.</summary>
    public static PartnerAcknowledgement MetadataOnly(PartnerAcknowledgement acknowledgement) => acknowledgement with { Reason = null };

    public static AttemptRecord MetadataOnly(AttemptRecord attempt) => attempt with
    {
        Request = attempt.Request is { } request ? request with { Headers = new Dictionary<string, string>(), Body = null } : null,
        Response = attempt.Response is { } response ? response with { Headers = new Dictionary<string, string>(), Body = null } : null,
    };
}
