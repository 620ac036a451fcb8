namespace IntegrationHub.Server;

/// <summary>
/// A reason the server cannot start, worded for whoever starts it: what is wrong and what to do.
/// <see cref="StartupErrors"/> prints the message alone, without a stack trace.
/// </summary>
public sealed class StartupProblemException : Exception
{
    /// <summary>Exit code for a setting that is invalid.</summary>
    public const int InvalidSetting = 2;

    /// <summary>Exit code for everything else that stops the start (a taken port, an unusable data folder).</summary>
    public const int CannotStart = 1;

    public StartupProblemException()
    {
    }

    public StartupProblemException(string message)
        : base(message)
    {
    }

    public StartupProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StartupProblemException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process's exit code. Default: <see cref="CannotStart"/>.</summary>
    public int ExitCode { get; } = CannotStart;
}
