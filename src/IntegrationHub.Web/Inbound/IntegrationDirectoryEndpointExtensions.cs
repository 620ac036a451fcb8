using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Inbound;

public static class IntegrationDirectoryEndpointExtensions
{
    /// <summary>Logs every state-changing call of these endpoints to the IntegrationDirectory.</summary>
    public static TBuilder LogToIntegrationDirectory<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IntegrationDirectoryLogged()).AddEndpointFilter<TBuilder, IntegrationDirectoryFilter>();

    /// <summary>
    /// Buffers the request body of logged endpoints so the directory can record it after model
    /// binding has read it. Call after routing, before the endpoints run.
    /// </summary>
    public static IApplicationBuilder UseIntegrationDirectory(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IntegrationDirectoryLogged>() is not null
                && !HttpMethods.IsGet(context.Request.Method))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });
}

/// <summary>Endpoint metadata: this endpoint's calls are logged to the IntegrationDirectory.</summary>
public sealed class IntegrationDirectoryLogged;
