namespace IntegrationHub.Dispatch;

/// <summary>A payload asks for an attachment the entity does not have: a configuration failure, not retried.</summary>
public sealed class AttachmentMissingException(string message) : Exception(message);
