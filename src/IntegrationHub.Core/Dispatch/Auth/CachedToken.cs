namespace IntegrationHub.Dispatch.Auth;

/// <summary>A token and when to stop using it (null: until the partner answers 401).</summary>
internal sealed record CachedToken(string Value, DateTimeOffset? RefreshAt);
