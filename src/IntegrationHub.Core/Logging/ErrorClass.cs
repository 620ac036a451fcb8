namespace IntegrationHub.Logging;

/// <summary>Why an attempt failed, in words an operator can group by.</summary>
public enum ErrorClass
{
    Timeout,
    Connection,
    HttpStatus,
    Auth,
    Configuration,

    /// <summary>A fault inside the hub itself (a bug, a store outage).</summary>
    Internal,
}
