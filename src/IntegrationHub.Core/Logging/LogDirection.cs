namespace IntegrationHub.Logging;

public enum LogDirection
{
    /// <summary>The hub sent it to a partner.</summary>
    Outbound,

    /// <summary>A partner or client called the hub.</summary>
    Inbound,
}
