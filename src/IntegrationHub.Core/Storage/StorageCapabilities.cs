namespace IntegrationHub.Storage;

/// <summary>
/// What a storage backend can do, declared by its <c>UseX()</c> extension (one singleton). The
/// start-up check compares it with what the rest of the composition needs and refuses an
/// impossible combination with a message naming the configuration keys.
/// </summary>
public sealed record StorageCapabilities
{
    /// <summary>The provider's name, as <c>IntegrationHub:Storage:Provider</c> spells it (<c>Sqlite</c>).</summary>
    public required string Provider { get; init; }

    /// <summary>
    /// The outbox writes in the business domain's own transaction (an
    /// <see cref="IBusinessTransactionSource{TNative}"/> is registered): a domain that raises
    /// events inside its transactions needs it.
    /// </summary>
    public bool JoinsBusinessTransaction { get; init; }

    /// <summary>The storage is its own delivery queue (the outbox row is the task); otherwise a transport must be configured.</summary>
    public bool IsOwnTransport { get; init; }

    /// <summary>
    /// Throttle state, bulk-retry jobs, idempotency coordination and configuration changes are
    /// shared by every hub process on this storage, so several processes may serve it at once.
    /// </summary>
    public bool SharesStateAcrossProcesses { get; init; }

    /// <summary>
    /// One writer at a time (an embedded file): a record must not be written beside a transaction
    /// the same request still holds open, since it would wait on that transaction's lock.
    /// </summary>
    public bool SingleWriter { get; init; }

    /// <summary>
    /// The storage notes every change of a log in the same transaction (<see cref="ILogChangeFeed"/>),
    /// so a log store on another engine can be kept as its projection.
    /// </summary>
    public bool HasLogChangeFeed { get; init; }
}
