namespace IntegrationHub.Dispatch.Auth;

/// <summary>Credentials could not be obtained; <see cref="Transient"/> when a later attempt may succeed.</summary>
public sealed class AuthFailureException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}
