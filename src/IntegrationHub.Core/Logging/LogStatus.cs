namespace IntegrationHub.Logging;

/// <summary>Where an execution stands. Every execution ends in <see cref="Success"/> or <see cref="Fail"/>.</summary>
public enum LogStatus
{
    /// <summary>Prepared and queued; not yet attempted, or sent again by a manual retry.</summary>
    Queued,

    /// <summary>An attempt failed transiently; the next automatic attempt is scheduled.</summary>
    Retrying,

    Success,

    Fail,
}
