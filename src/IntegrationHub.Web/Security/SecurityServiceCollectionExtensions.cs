using IntegrationHub.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.Security;

/// <summary>Sign-in for people (cookie), API keys for machines, role policies, antiforgery and the audit trail.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>The scheme that picks the API key when the header is present, else the cookie.</summary>
    public const string Scheme = "Hub";

    public static IServiceCollection AddHubSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(HubSecurityOptions.Section).Get<HubSecurityOptions>() ?? new HubSecurityOptions();
        services.Configure<HubSecurityOptions>(configuration.GetSection(HubSecurityOptions.Section));
        services.AddSingleton<IPasswordHasher<HubUser>, PasswordHasher<HubUser>>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<BootstrapAccess>();
        services.AddSingleton<AuditTrail>();
        services.AddScoped<CookieAntiforgeryFilter>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or dashboard session", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeys.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = ".IntegrationHub.Session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = settings.SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.EventsType = typeof(CookieSessionEvents);
            });
        services.AddSingleton<CookieSessionEvents>();
        services.AddAuthorization(HubPolicies.Add);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".IntegrationHub.Antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "RequestVerificationToken";
        });
        return services;
    }
}
