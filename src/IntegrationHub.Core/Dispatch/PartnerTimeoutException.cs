using IntegrationHub.Logging;

namespace IntegrationHub.Dispatch;

/// <summary>
/// A partner (or its token endpoint) took longer than allowed: to answer, to finish its answer, or
/// between two parts of it. Transient; <see cref="Request"/> is the request when it had been sent.
/// </summary>
public sealed class PartnerTimeoutException(string message, RequestRecord? request = null) : TimeoutException(message)
{
    public RequestRecord? Request { get; } = request;
}
