namespace IntegrationHub.Logging;

/// <summary>What a partner said, in its status callback, about a delivery it received.</summary>
public enum AcknowledgementStatus
{
    /// <summary>The partner accepted the delivery (e.g. "report received").</summary>
    Acked,

    /// <summary>The partner received the delivery but refused its content; the reason says why.</summary>
    Rejected,
}
