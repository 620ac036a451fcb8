using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Inbound;

public static class IntegrationDirectoryEndpointExtensions
{
    /// <summary>Logs every state-changing call of these endpoints to the IntegrationDirectory.</summary>
    public static TBuilder LogToIntegrationDirectory<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IntegrationDirectoryFilter>();
}
