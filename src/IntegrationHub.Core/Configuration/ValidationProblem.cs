namespace IntegrationHub.Configuration;

/// <summary>One thing wrong with submitted configuration: the field (camelCase path) and why.</summary>
public sealed record ValidationProblem(string Field, string Message);
