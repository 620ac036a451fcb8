namespace IntegrationHub.Tests.Infrastructure.Backends;

/// <summary>One delivery waiting in the queue as the backend stores it: <paramref name="Text"/> is its stored form, whole.</summary>
public sealed record StoredTask(string LogId, string Text);
