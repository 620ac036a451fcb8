namespace IntegrationHub.Storage;

/// <summary>
/// The business change's own transaction, as the storage backend knows it: an opaque handle that
/// the backend makes (a relational backend wraps the domain's ADO.NET transaction in it) and that
/// its outbox writes in, so the hub's QUEUED logs and tasks commit or roll back with the change.
/// Core never looks inside it; a domain obtains one from
/// <see cref="IBusinessTransactionSource{TNative}.Join"/>.
/// </summary>
#pragma warning disable CA1040 // An opaque handle has no members by design: only its backend knows what it holds.
public interface IBusinessTransaction;
#pragma warning restore CA1040
