namespace IntegrationHub.Tests.Infrastructure;

/// <summary>How a server process ended: its exit code and every line it wrote.</summary>
public sealed record ServerExit(int ExitCode, IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError);
