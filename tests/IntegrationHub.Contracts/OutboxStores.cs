using IntegrationHub.Storage;

namespace IntegrationHub.Contracts;

/// <summary>The stores a manual retry and a worker's finish touch, all on one fresh, empty backend.</summary>
public sealed record OutboxStores(ILogStore Logs, ILogReadModel Reads, IDeliveryOutbox Outbox, IDeliveryTransport Transport);
