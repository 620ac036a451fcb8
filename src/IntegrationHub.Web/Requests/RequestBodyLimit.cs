namespace IntegrationHub.Web.Requests;

/// <summary>
/// Endpoint metadata: the largest request body the endpoint reads, in bytes. The most specific
/// one wins (an endpoint's own over its group's). Enforced by <see cref="RequestGuardExtensions.UseRequestGuards"/>.
/// </summary>
/// <param name="MaxBytes">Bodies longer than this are answered 413 before the endpoint runs.</param>
public sealed record RequestBodyLimit(long MaxBytes);
