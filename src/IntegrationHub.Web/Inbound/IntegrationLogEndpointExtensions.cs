using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Inbound;

/// <summary>The one line that puts minimal API endpoints under the inbound IntegrationDirectory logger.</summary>
public static class IntegrationLogEndpointExtensions
{
    /// <summary>
    /// Logs each call of these endpoints (request, outcome, answer; failures included) as an inbound
    /// log, without the handler knowing. Reads are skipped unless <paramref name="includeReads"/>.
    /// </summary>
    public static TBuilder WithIntegrationLog<TBuilder>(this TBuilder builder, string? actionName = null, bool includeReads = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IntegrationLogMetadata(actionName, includeReads)).AddEndpointFilter<TBuilder, IntegrationLogEndpointFilter>();

    /// <summary>
    /// Buffers the request body of logged endpoints so the logger can record it after the handler
    /// (or model binding) has read it. Call after routing, before the endpoints run.
    /// </summary>
    public static IApplicationBuilder UseIntegrationDirectory(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IIntegrationLogMetadata>() is not null)
            {
                // Buffers what is read, as it is read: a body the handler refuses unread is never buffered.
                context.Request.EnableBuffering();
            }

            return next(context);
        });
}
