namespace IntegrationHub.Web.Api;

/// <summary>Body of POST /api/keys.</summary>
internal sealed record ApiKeyInput(string? Name, string? Role, string? Labs);
