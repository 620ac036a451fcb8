using System.Text.Json.Serialization;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Inbound;
using IntegrationHub.Web.Webhooks;
using IntegrationHub.Web.Sandbox;
using IntegrationHub.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>The HTTP layer's services: problem details, JSON shape, OpenAPI, the inbound filter, the sandbox.</summary>
    public static IServiceCollection AddIntegrationHubWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHubSecurity(configuration);
        services.AddProblemDetails();
        // Binding failures (malformed JSON) reach the exception handler, which names the problem.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<HubExceptionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionProblemMap, BadRequestProblemMap>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionProblemMap, StorageUnavailableProblemMap>());
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        // A plain AddOpenApi(): the XML-comment generator intercepts this form, not one given a method group.
        services.AddOpenApi();
        services.ConfigureAll<OpenApiOptions>(OpenApiSchemaNames.Keep);
        services.AddSingleton<InboundCallLogger>();
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<Trigger.ICallOrigins, HttpCallOrigins>());
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PartnerWebhookVerifier>();
        services.AddSingleton<RefusedCallSampler>();
        services.AddRateLimiter(WebhookRateLimit.Add);
        services.AddScoped<PartnerWebhookHandler>();
        services.AddSingleton<IntegrationLogEndpointFilter>();
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SandboxReceiver>();
        services.AddScoped<IntegrationEditor>();
        return services;
    }

    /// <summary>Maps the public API under <c>/api</c>.</summary>
    public static RouteGroupBuilder MapIntegrationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(HubPolicies.Viewer).AddEndpointFilter<CookieAntiforgeryFilter>();
        CatalogApi.Map(api);
        IntegrationsApi.Map(api);
        LogsApi.Map(api);
        QueueApi.Map(api);
        BulkRetryApi.Map(api);
        AccessApi.Map(api);
        PartnerWebhookApi.Map(api);
        return api;
    }
}
