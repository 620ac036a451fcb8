using System.Text.Encodings.Web;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Security;

/// <summary>Machine clients: the <c>X-Api-Key</c> header, looked up by hash; revoked keys fail.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccessStore access) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.HeaderName, out var values) || values.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var key = values.ToString();
        var stored = key.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal)
            ? await access.FindApiKeyAsync(ApiKeys.Hash(key), Context.RequestAborted)
            : null;
        if (stored is null || stored.RevokedAt is not null)
        {
            // The key itself is never echoed or logged.
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var principal = HubClaims.Principal($"key:{stored.Name}", stored.Role, stored.Labs, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{ApiKeys.HeaderName}\"";
        return Task.CompletedTask;
    }
}
