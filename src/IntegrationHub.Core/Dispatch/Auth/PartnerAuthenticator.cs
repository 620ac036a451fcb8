using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Configuration;
using IntegrationHub.Destinations;
using IntegrationHub.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Dispatch.Auth;

/// <summary>
/// Adds a partner's credentials to a request, in one place for every integration: static schemes
/// (basic, bearer, API key) and token schemes (OAuth2 client credentials, a login endpoint) whose
/// tokens are cached until they expire and refreshed when the partner answers 401.
/// </summary>
public sealed class PartnerAuthenticator(IHttpClientFactory clients, TimeProvider time, IOptions<DispatchOptions> options)
{
    /// <summary>Name of the HttpClient used to fetch tokens.</summary>
    public const string TokenClientName = "IntegrationHub.Tokens";

    // Tokens are refreshed this long before the expiry the partner announced.
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetchLocks = new(StringComparer.Ordinal);

    /// <summary>Whether a 401 should be answered by fetching a new token and sending once more.</summary>
    public static bool UsesTokens(AuthSettings auth) => auth.Kind is AuthKind.OAuth2ClientCredentials or AuthKind.LoginEndpoint;

    /// <summary>Adds credentials to <paramref name="request"/>; with <paramref name="refresh"/>, a cached token is dropped first.</summary>
    public async Task ApplyAsync(HttpRequestMessage request, LabIntegration integration, bool refresh, CancellationToken cancellationToken)
    {
        var auth = integration.Auth;
        switch (auth.Kind)
        {
            case AuthKind.None:
                return;
            case AuthKind.Basic:
                var pair = Encoding.UTF8.GetBytes($"{HeaderValues.Require(auth.Username, "auth username")}:{auth.Password}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
                return;
            case AuthKind.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HeaderValues.Require(auth.Token, "auth token"));
                return;
            case AuthKind.ApiKey:
                request.Headers.TryAddWithoutValidation(string.IsNullOrEmpty(auth.HeaderName) ? "X-Api-Key" : auth.HeaderName, HeaderValues.Require(auth.ApiKey, "auth API key"));
                return;
            default:
                var token = await GetTokenAsync(integration, refresh, cancellationToken);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return;
        }
    }

    private async Task<string> GetTokenAsync(LabIntegration integration, bool refresh, CancellationToken cancellationToken)
    {
        var key = CacheKey(integration);
        if (!refresh && Usable(key) is { } cached)
        {
            return cached;
        }

        var gate = _fetchLocks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another worker may have refreshed while this one waited.
            if (!refresh && Usable(key) is { } fresh)
            {
                return fresh;
            }

            var token = await FetchAsync(integration.Auth, TimeSpan.FromSeconds(integration.TimeoutSeconds), cancellationToken);
            _tokens[key] = token;
            return token.Value;
        }
        finally
        {
            gate.Release();
        }
    }

    private string? Usable(string key) =>
        _tokens.TryGetValue(key, out var token) && (token.RefreshAt is null || token.RefreshAt > time.GetUtcNow()) ? token.Value : null;

    private async Task<CachedToken> FetchAsync(AuthSettings auth, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, auth.TokenUrl);
        string tokenField, expiresField;
        if (auth.Kind == AuthKind.OAuth2ClientCredentials)
        {
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = auth.ClientId ?? "",
                ["client_secret"] = auth.ClientSecret ?? "",
            };
            if (!string.IsNullOrEmpty(auth.Scope))
            {
                form["scope"] = auth.Scope;
            }

            request.Content = new FormUrlEncodedContent(form);
            (tokenField, expiresField) = ("access_token", "expires_in");
        }
        else
        {
            request.Content = new StringContent(auth.LoginBody ?? "{}", Encoding.UTF8, "application/json");
            (tokenField, expiresField) = (auth.TokenField ?? "token", auth.ExpiresInField ?? "");
        }

        // The whole exchange, the answer's body included, within the integration's timeout; the
        // answer is read only up to its bound, so a hostile token endpoint cannot hold or flood a worker.
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        string body;
        int status;
        try
        {
            using var response = await clients.CreateClient(TokenClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            var limit = options.Value.MaxTokenAnswerBytes;
            var read = await BoundedBodyReader.ReadAsync(stream, limit, limit + 1, options.Value.IdleReadTimeout, time, linked.Token);
            if (read.Truncated)
            {
                throw new AuthFailureException($"Token endpoint answer is larger than {limit} bytes (IntegrationHub:MaxTokenAnswerBytes).", transient: false);
            }

            body = Encoding.UTF8.GetString(read.Buffer, 0, read.Kept);
        }
        catch (HttpRequestException e) when (DestinationRefusedException.FoundIn(e) is { } refused)
        {
            throw new AuthFailureException($"Token endpoint refused: {refused.Message}", transient: false, refused);
        }
        catch (HttpRequestException e)
        {
            throw new AuthFailureException($"Token endpoint unreachable: {e.HttpRequestError}.", transient: true, e);
        }
        catch (PartnerTimeoutException e)
        {
            throw new AuthFailureException($"Token endpoint: {e.Message}", transient: true, e);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AuthFailureException($"Token endpoint did not answer within the {timeout.TotalSeconds:0} s timeout.", transient: true, e);
        }

        if (status is < 200 or >= 300)
        {
            throw new AuthFailureException($"Token endpoint answered {status}.", transient: status >= 500 || status is 408 or 429);
        }

        var token = JsonPath.Find(body, tokenField)
            ?? throw new AuthFailureException($"Token endpoint answer has no '{tokenField}' field.", transient: false);
        if (token.Length == 0 || !HeaderValues.IsSafe(token))
        {
            throw new AuthFailureException($"Token endpoint answered a token that cannot be sent: it {HeaderValues.Rule}.", transient: false);
        }

        var lifetime = double.TryParse(JsonPath.Find(body, expiresField), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 1e9
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        var refreshAt = lifetime is { } l ? time.GetUtcNow() + (l > ExpirySkew * 2 ? l - ExpirySkew : l / 2) : (DateTimeOffset?)null;
        return new CachedToken(token, refreshAt);
    }

    // A configuration change (new secret, new URL) must not reuse an old token.
    private static string CacheKey(LabIntegration integration)
    {
        var a = integration.Auth;
        var material = string.Join('\n', integration.Id, a.Kind, a.TokenUrl, a.ClientId, a.ClientSecret, a.Scope, a.LoginBody, a.TokenField);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
