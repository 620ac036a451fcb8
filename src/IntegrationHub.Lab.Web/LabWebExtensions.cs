using IntegrationHub.Lab.Web.Api;
using IntegrationHub.Lab.Web.Idempotency;
using IntegrationHub.Web.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Lab.Web;

/// <summary>Composition of the reference lab's HTTP face, beside <c>AddReferenceLab</c> and the hub's web layer.</summary>
public static class LabWebExtensions
{
    /// <summary>
    /// The services the lab's routes need: the in-process Idempotency-Key locks, the problem answers
    /// of the lab's exceptions and the XML docs of the lab's types in the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddReferenceLabWeb(this IServiceCollection services)
    {
        services.TryAddSingleton<IdempotencyKeyLocks>();
        services.TryAddSingleton<IIdempotencyInFlight>(sp => sp.GetRequiredService<IdempotencyKeyLocks>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionProblemMap, LabProblemMap>());

        // The same default document Web adds: called here too because the OpenAPI source generator
        // documents the types it sees from its call site, and Web no longer sees the lab's (its inputs).
        services.AddOpenApi();
        return services;
    }

    /// <summary>
    /// Maps <c>POST /api/labs</c> and the lab's business routes under <c>/api/labs/{labId}</c> onto
    /// the hub's API group (<c>MapIntegrationApi()</c>), so they share its sign-in, viewer policy and
    /// antiforgery check.
    /// </summary>
    public static RouteGroupBuilder MapReferenceLabApi(this RouteGroupBuilder api)
    {
        LabsApi.Map(api);
        LabOperationsApi.Map(api);
        return api;
    }
}
