namespace IntegrationHub.Web.Inbound;

/// <summary>The metadata <see cref="IntegrationLogEndpointExtensions.WithIntegrationLog{TBuilder}"/> puts on minimal API endpoints.</summary>
public sealed record IntegrationLogMetadata(string? ActionName, bool IncludeReads) : IIntegrationLogMetadata;
