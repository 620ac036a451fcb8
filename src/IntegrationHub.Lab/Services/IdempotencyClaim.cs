namespace IntegrationHub.Lab.Services;

/// <summary>A key a request wants to spend on its business change.</summary>
/// <param name="LabId">The lab whose keys it belongs to.</param>
/// <param name="Key">The client's <c>Idempotency-Key</c>.</param>
/// <param name="Operation">The route's name.</param>
/// <param name="RequestHash">Lower-case hex SHA-256 of the request (method, path, body).</param>
public sealed record IdempotencyClaim(long LabId, string Key, string Operation, string RequestHash);
