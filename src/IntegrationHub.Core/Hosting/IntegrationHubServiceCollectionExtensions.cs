using IntegrationHub.Configuration;
using IntegrationHub.Dispatch;
using IntegrationHub.Dispatch.Auth;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Queue;
using IntegrationHub.Retries;
using IntegrationHub.Trigger;
using IntegrationHub.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

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
        var options = services.AddOptions<HubOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(HubOptions.Section));
        }

        // Secure by default (see SecretProtectionCheck): no protector, no start. A validation rather
        // than a throw, so it is reported together with any invalid setting.
        options.ValidateDataAnnotations()
            .Validate(_ => SecretProtectionCheck.IsRegistered(services), SecretProtectionCheck.Missing)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QueueSignal>();
        services.TryAddSingleton<PayloadRenderer>();
        services.TryAddSingleton<PartnerAuthenticator>();
        services.TryAddSingleton<IntegrationThrottle>();
        services.TryAddSingleton<IntegrationDispatcher>();
        services.TryAddSingleton<RetryPolicy>();
        services.TryAddSingleton<LogRecordRelay>();
        services.AddHostedService(provider => provider.GetRequiredService<LogRecordRelay>());
        services.TryAddSingleton<OutboundDirectoryLogger>();
        services.TryAddSingleton<DeliveryProcessor>();
        services.TryAddSingleton<IntegrationTrigger>();
        services.TryAddScoped<ManualRetryService>();
        services.TryAddScoped<TestSendService>();
        services.TryAddSingleton<BulkRetryService>();
        services.TryAddScoped<IntegrationValidator>();
        services.AddHostedService<DeliveryWorkerPool>();
        services.AddOptions<HubOptions>().PostConfigure(_ => StoreRegistrationCheck.Verify(services));
        AddHttpClients(services);
        return new IntegrationHubBuilder(services);
    }

    private static void AddHttpClients(IServiceCollection services)
    {
        // Redirects are failures (a partner that moved must be reconfigured, and a redirect could
        // carry credentials elsewhere); cookies are never shared between partners.
        static SocketsHttpHandler Handler() => new()
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };

        services.AddHttpClient(IntegrationDispatcher.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(Handler)
            .RedactLoggedHeaders(_ => true)
            .AddResilienceHandler("dispatch", pipeline => pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                // Each integration has its own timeout; the dispatcher puts it on the request.
                TimeoutGenerator = args => ValueTask.FromResult(
                    args.Context.GetRequestMessage()?.Options.TryGetValue(IntegrationDispatcher.TimeoutOption, out var timeout) == true
                        ? timeout
                        : TimeSpan.FromSeconds(30)),
            }));

        services.AddHttpClient(PartnerAuthenticator.TokenClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(Handler)
            .RedactLoggedHeaders(_ => true)
            .AddResilienceHandler("tokens", pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(30)));
    }
}
