namespace IntegrationHub.Configuration;

/// <summary>
/// Authentication of one integration. Fields marked secret are write-only through the API and
/// never written to a log.
/// </summary>
public sealed class AuthSettings
{
    public AuthKind Kind { get; set; } = AuthKind.None;

    /// <summary>Basic: user name.</summary>
    public string? Username { get; set; }

    /// <summary>Basic: password. Secret.</summary>
    public string? Password { get; set; }

    /// <summary>Bearer: static token. Secret.</summary>
    public string? Token { get; set; }

    /// <summary>ApiKey: header that carries the key. Default: X-Api-Key.</summary>
    public string? HeaderName { get; set; }

    /// <summary>ApiKey: the key. Secret.</summary>
    public string? ApiKey { get; set; }

    /// <summary>OAuth2 and LoginEndpoint: where tokens are obtained.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>OAuth2: client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth2: client secret. Secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>OAuth2: optional scope.</summary>
    public string? Scope { get; set; }

    /// <summary>LoginEndpoint: the JSON body posted to <see cref="TokenUrl"/> (it holds credentials). Secret.</summary>
    public string? LoginBody { get; set; }

    /// <summary>LoginEndpoint: dotted path of the token in the login answer. Default: <c>token</c>.</summary>
    public string? TokenField { get; set; }

    /// <summary>LoginEndpoint: dotted path of the lifetime in seconds; absent means the token lives until a 401.</summary>
    public string? ExpiresInField { get; set; }

    /// <summary>Names of the secret properties, for masking and write-only handling.</summary>
    public static IReadOnlyList<string> SecretFields { get; } = [nameof(Password), nameof(Token), nameof(ApiKey), nameof(ClientSecret), nameof(LoginBody)];
}
