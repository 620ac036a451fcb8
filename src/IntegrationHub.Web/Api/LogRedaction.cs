using IntegrationHub.Logging;

namespace IntegrationHub.Web.Api;

/// <summary>What a viewer may see of a log: metadata only, never a payload, body or header.</summary>
public static class LogRedaction
{
    public static IntegrationLog MetadataOnly(IntegrationLog log) => log with
    {
        Payload = null,
        State = log.State with { LastAttempt = log.State.LastAttempt is { } last ? MetadataOnly(last) : null },
    };

    public static AttemptRecord MetadataOnly(AttemptRecord attempt) => attempt with
    {
        Request = attempt.Request is { } request ? request with { Headers = new Dictionary<string, string>(), Body = null } : null,
        Response = attempt.Response is { } response ? response with { Headers = new Dictionary<string, string>(), Body = null } : null,
    };
}
