using IntegrationHub.Destinations;
using IntegrationHub.Dispatch;
using IntegrationHub.Dispatch.Auth;
using IntegrationHub.Integrations;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Queue;
using IntegrationHub.Retries;
using IntegrationHub.Spool;
using IntegrationHub.Storage;
using IntegrationHub.Trigger;
using IntegrationHub.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hosting;

/// <summary>The one DI entry point of the engine.</summary>
public static class IntegrationHubServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine (trigger, worker pool, dispatcher, retries), its options bound from the
    /// <c>IntegrationHub</c> section, and returns a builder to choose a backend on.
    /// </summary>
    public static IntegrationHubBuilder AddIntegrationHub(this IServiceCollection services, IConfiguration? configuration = null)
    {
        // One options class per component, each bound from the IntegrationHub section or one of
        // its sub-sections, so a component depends on its own settings only.
        Bind<WorkerOptions>(services, configuration, WorkerOptions.Section);
        Bind<LeaseOptions>(services, configuration, LeaseOptions.Section);
        Bind<DispatchOptions>(services, configuration, DispatchOptions.Section);
        Bind<BodyCaptureOptions>(services, configuration, BodyCaptureOptions.Section);
        Bind<SpoolOptions>(services, configuration, SpoolOptions.Section);
        Bind<TemplateLimits>(services, configuration, TemplateLimits.Section);
        Bind<BulkRetryOptions>(services, configuration, BulkRetryOptions.Section);
        Bind<RetryOptions>(services, configuration, RetryOptions.Section).Validate(o => o.IsConsistent(), RetryOptions.BaseAboveMax);
        var destinations = services.AddOptions<DestinationOptions>();
        if (configuration is not null)
        {
            destinations.Bind(configuration.GetSection(DestinationOptions.Section));
        }

        // Secure by default (see SecretProtectionCheck): no protector, no start. Validations rather
        // than throws, so they are reported together with any invalid setting.
        services.AddOptions<HubComposition>()
            .Validate(_ => SecretProtectionCheck.IsRegistered(services), SecretProtectionCheck.Missing)
            .PostConfigure(_ => StoreRegistrationCheck.Verify(services))
            .ValidateOnStart();
        destinations.Validate(DestinationPolicy.IsValid, $"Every entry of {DestinationPolicy.AllowKey} must be a CIDR range, an address, a host name or host:port.").ValidateOnStart();
        services.TryAddSingleton<DestinationPolicy>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PayloadRenderer>();
        services.TryAddSingleton<PartnerAuthenticator>();
        services.TryAddSingleton<IntegrationThrottle>();
        services.TryAddSingleton<IDeliveryThrottle>(sp => sp.GetRequiredService<IntegrationThrottle>());
        services.TryAddSingleton<IntegrationDispatcher>();
        services.TryAddSingleton<RetryPolicy>();
        services.TryAddSingleton<LogRecordSpool>();
        services.AddHostedService(provider => provider.GetRequiredService<LogRecordSpool>());
        services.TryAddSingleton<OutboundDirectoryLogger>();
        services.TryAddSingleton<DeliveryProcessor>();
        services.TryAddSingleton<ICallOrigins, NoCallOrigins>();
        services.TryAddSingleton<IntegrationTrigger>();
        services.TryAddScoped<ManualRetryService>();
        services.TryAddScoped<QueueMonitor>();
        services.TryAddScoped<TestSendService>();
        services.TryAddSingleton<BulkRetryService>();
        services.AddHostedService(provider => provider.GetRequiredService<BulkRetryService>());

        // In-process only; a backend shared by several processes registers a cluster-wide one.
        services.TryAddSingleton<IConfigurationChanges, InProcessConfigurationChanges>();
        services.TryAddScoped<IntegrationValidator>();
        services.AddHostedService<DeliveryWorkerPool>();
        AddHttpClients(services);
        return new IntegrationHubBuilder(services);
    }

    private static OptionsBuilder<T> Bind<T>(IServiceCollection services, IConfiguration? configuration, string section)
        where T : class
    {
        var options = services.AddOptions<T>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(section));
        }

        return options.ValidateDataAnnotations().ValidateOnStart();
    }

    private static void AddHttpClients(IServiceCollection services)
    {
        // Redirects are failures (a partner that moved must be reconfigured, and a redirect could
        // carry credentials elsewhere); cookies are never shared between partners; no proxy, so the
        // destination policy judges the partner's own address on every connection. Timeouts are the
        // dispatcher's and the authenticator's own deadlines: they must cover the answer's body, which
        // a handler in the pipeline no longer sees once the headers are back. HttpClient's own
        // request logging is removed: the hub records every attempt itself, secrets masked, while
        // those lines would name each URL (a query-string key included) and cost every send.
        static SocketsHttpHandler Handler(IServiceProvider provider) => new()
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = provider.GetRequiredService<DestinationPolicy>().ConnectAsync,
        };

        services.AddHttpClient(IntegrationDispatcher.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(Handler)
            .RemoveAllLoggers();

        services.AddHttpClient(PartnerAuthenticator.TokenClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(Handler)
            .RemoveAllLoggers();
    }
}
