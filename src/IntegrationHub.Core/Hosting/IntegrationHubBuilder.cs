using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Hosting;

/// <summary>Returned by <c>AddIntegrationHub</c>; backends hang off it (<c>.UseSqlite(...)</c>).</summary>
public sealed class IntegrationHubBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;
}
