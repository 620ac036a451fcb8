namespace IntegrationHub.Logging;

/// <summary>
/// Tells the inbound logger whether the current request still holds an open database transaction
/// once its handler is done: one it left doomed after a failure, or one a transaction-per-request
/// wrapper has yet to end. A log written beside it could wait on its locks or vanish with its
/// rollback, so the record goes the second way instead. Registered (scoped) by the application
/// that owns the transaction; none registered means "never".
/// </summary>
public interface IBusinessTransactionProbe
{
    bool HasOpenTransaction { get; }
}
