namespace IntegrationHub.Web.Requests;

/// <summary>
/// Endpoint metadata: the largest request body the endpoint reads, in bytes. The most specific
/// one wins (an endpoint's own over its group's). Enforced by <see cref="RequestGuardExtensions.UseRequestGuards"/>.
/// </summary>
/// <param name="MaxBytes">Bodies longer than this are answered 413 before the endpoint runs.</param>
public sealed record RequestBodyLimit(long MaxBytes)
{
    /// <summary>
    /// The bound of the hub's own configuration routes (integrations, users, keys): an integration
    /// with its largest template and every header fits many times over. 1 MiB.
    /// </summary>
    public static RequestBodyLimit Configuration { get; } = new(1024 * 1024);
}
