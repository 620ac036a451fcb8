using IntegrationHub.Configuration;
using IntegrationHub.Integrations;
using IntegrationHub.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Hosting;

/// <summary>Returned by <c>AddIntegrationHub</c>; backends hang off it (<c>.UseSqlite(...)</c>).</summary>
public sealed class IntegrationHubBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Registers a backend's configuration store behind the engine's layers, so no backend can
    /// skip them: <see cref="CachingIntegrationConfigStore"/> (decrypted integrations in memory,
    /// dropped on each notice of <see cref="IConfigurationChanges"/>),
    /// then <see cref="ProtectedIntegrationConfigStore"/> (ciphertext only in
    /// <typeparamref name="TStore"/>). Needs an <see cref="ISecretProtector"/>; the start fails without one.
    /// </summary>
    public IntegrationHubBuilder UseIntegrationConfigStore<TStore>()
        where TStore : class, IIntegrationConfigStore
    {
        Services.AddSingleton<TStore>();
        Services.AddSingleton<IIntegrationConfigStore>(sp =>
        {
            // Checked first, so a missing protector is reported before the backend is opened.
            var protector = SecretProtectionCheck.Resolve(sp);
            return new CachingIntegrationConfigStore(
                new ProtectedIntegrationConfigStore(sp.GetRequiredService<TStore>(), protector),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IConfigurationChanges>());
        });
        return this;
    }
}
