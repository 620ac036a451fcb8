using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>What a test adds to the real server: services before it is built, endpoints after.</summary>
public sealed record TestEndpoints(Action<IServiceCollection>? Services, Action<WebApplication>? Map);
