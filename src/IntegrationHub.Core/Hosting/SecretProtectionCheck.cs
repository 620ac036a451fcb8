using IntegrationHub.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Hosting;

/// <summary>
/// Secure by default: the core registers no <see cref="ISecretProtector"/> (no pass-through, no
/// home-made cryptography), so a host that forgot to choose one fails at start, with the fix in
/// the message, instead of silently writing secrets in clear.
/// </summary>
internal static class SecretProtectionCheck
{
    public const string Missing =
        "The Integration Hub needs an ISecretProtector to encrypt integration secrets at rest, found none. " +
        "Register one: services.AddHubSecretProtection(dataFolder) from IntegrationHub.Web (ASP.NET Core Data Protection, keys under <dataFolder>/keys), " +
        "or your own ISecretProtector.";

    public static bool IsRegistered(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(ISecretProtector));

    /// <summary>The protector, or the same failure when something resolves the store before the start check ran.</summary>
    public static ISecretProtector Resolve(IServiceProvider services) =>
        services.GetService<ISecretProtector>() ?? throw new InvalidOperationException(Missing);
}
