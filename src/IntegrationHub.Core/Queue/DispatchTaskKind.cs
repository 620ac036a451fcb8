namespace IntegrationHub.Queue;

public enum DispatchTaskKind
{
    /// <summary>Send one payload to one integration.</summary>
    Delivery,

    /// <summary>
    /// An attempt record (or a whole inbound log) whose write failed: it travels through the queue
    /// and is written when the log store answers again, so no execution is left unlogged.
    /// </summary>
    LogRecord,
}
