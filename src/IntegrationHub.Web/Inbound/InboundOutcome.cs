namespace IntegrationHub.Web.Inbound;

/// <summary>How a logged call ended: the status its result names (null: the response's), the value it answered, or what it threw.</summary>
internal sealed record InboundOutcome(int? StatusCode, object? Answer, Exception? Failure);
