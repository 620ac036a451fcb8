using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace IntegrationHub.Lab.Web.Idempotency;

/// <summary>The one line that makes a business route honour the <c>Idempotency-Key</c> header.</summary>
public static class IdempotencyEndpointExtensions
{
    /// <summary>
    /// A call with an <c>Idempotency-Key</c> header changes data at most once per key and lab; a
    /// repeat gets the first answer. Only for routes whose change goes through the lab's
    /// <c>LabUnitOfWork</c>, which spends the key in the change's own transaction. Calls without
    /// the header are untouched.
    /// </summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            // Model binding reads the body before any endpoint filter runs: buffer it as it is read
            // so the filter can hash the request afterwards.
            var next = endpoint.RequestDelegate
                ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no request delegate to put idempotency in front of.");
            endpoint.RequestDelegate = context =>
            {
                context.Request.EnableBuffering();
                return next(context);
            };
        });
        return builder.AddEndpointFilter<TBuilder, IdempotencyFilter>().AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(HeaderParameter());
            return Task.CompletedTask;
        });
    }

    private static OpenApiParameter HeaderParameter() => new()
    {
        Name = IdempotencyKeyHeader.Name,
        In = ParameterLocation.Header,
        Description = "Optional. Repeats with the same key and request get the first answer (Idempotent-Replayed: true) and change nothing; "
            + "the same key with another request answers 422, and a first call still running 409. Per lab; kept 24 h by default.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeyHeader.MaxLength },
    };
}
