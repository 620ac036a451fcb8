namespace IntegrationHub.Web.Security;

/// <summary>Bootstrap access and sign-in settings; bound from <c>IntegrationHub:Security</c>.</summary>
public sealed class HubSecurityOptions
{
    public const string Section = "IntegrationHub:Security";

    /// <summary>Name of the admin created at start when it does not exist. Default: <c>admin</c>; env <c>HUB_ADMIN_USER</c>.</summary>
    public string AdminUserName { get; set; } = "admin";

    /// <summary>
    /// Password of that admin, used only when the admin is created. Env <c>HUB_ADMIN_PASSWORD</c>.
    /// When neither is set and no user exists, a random password is generated and written to
    /// <c>{DataFolder}/bootstrap-admin-password.txt</c> (owner-only), never to the log.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// An admin API key (<c>ihk_</c> + at least 32 characters) kept in place at every start, for
    /// provisioning scripts. Env <c>HUB_BOOTSTRAP_API_KEY</c>. Default: none.
    /// </summary>
    public string? BootstrapApiKey { get; set; }

    /// <summary>How long a dashboard sign-in lasts without activity. Default: 8 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
