namespace IntegrationHub.Configuration;

/// <summary>How the dispatcher authenticates to a partner.</summary>
public enum AuthKind
{
    None,
    Basic,
    Bearer,
    ApiKey,
    OAuth2ClientCredentials,

    /// <summary>POST configured credentials to a login URL and use the token found in its JSON answer.</summary>
    LoginEndpoint,
}
