using IntegrationHub.Logging;
using IntegrationHub.Queue;

namespace IntegrationHub.Contracts;

/// <summary>The stores a manual retry touches, all on one fresh, empty backend.</summary>
public sealed record OutboxStores(ILogStore Logs, IDeliveryOutbox Outbox, IDispatchQueue Queue);
