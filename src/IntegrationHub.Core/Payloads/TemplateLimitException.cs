namespace IntegrationHub.Payloads;

/// <summary>A template went past one of its <see cref="TemplateLimits"/>; the message names the limit and its setting.</summary>
public sealed class TemplateLimitException(string message) : InvalidOperationException(message);
