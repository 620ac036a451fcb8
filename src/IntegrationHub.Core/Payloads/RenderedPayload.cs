namespace IntegrationHub.Payloads;

/// <summary>A request body ready to queue: text, with attachment placeholders still in it.</summary>
public sealed record RenderedPayload(string ContentType, string Body);
