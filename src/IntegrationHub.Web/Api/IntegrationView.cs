using IntegrationHub.Configuration;
using IntegrationHub.Dispatch;

namespace IntegrationHub.Web.Api;

/// <summary>
/// Secrets are write-only: answers carry a mask where a secret is set, and a mask sent back in an
/// update keeps the stored value.
/// </summary>
public static class IntegrationView
{
    public static LabIntegration Masked(LabIntegration source)
    {
        var copy = HubJson.Deserialize<LabIntegration>(HubJson.Serialize(source));
        copy.Id = source.Id;
        var auth = copy.Auth;
        auth.Password = MaskIfSet(auth.Password);
        auth.Token = MaskIfSet(auth.Token);
        auth.ApiKey = MaskIfSet(auth.ApiKey);
        auth.ClientSecret = MaskIfSet(auth.ClientSecret);
        auth.LoginBody = MaskIfSet(auth.LoginBody);
        var secretNames = SecretMasker.SecretHeaderNames(copy);
        foreach (var name in copy.Headers.Keys.ToList())
        {
            if (secretNames.Contains(name))
            {
                copy.Headers[name] = SecretMasker.Masked;
            }
        }

        return copy;
    }

    /// <summary>Keeps stored secrets where the update sends the mask back.</summary>
    public static void KeepSecrets(LabIntegration update, LabIntegration stored)
    {
        var (a, s) = (update.Auth, stored.Auth);
        a.Password = Keep(a.Password, s.Password);
        a.Token = Keep(a.Token, s.Token);
        a.ApiKey = Keep(a.ApiKey, s.ApiKey);
        a.ClientSecret = Keep(a.ClientSecret, s.ClientSecret);
        a.LoginBody = Keep(a.LoginBody, s.LoginBody);
        foreach (var (name, value) in update.Headers.ToList())
        {
            if (value == SecretMasker.Masked && stored.Headers.TryGetValue(name, out var old))
            {
                update.Headers[name] = old;
            }
        }
    }

    private static string? MaskIfSet(string? value) => string.IsNullOrEmpty(value) ? value : SecretMasker.Masked;

    private static string? Keep(string? incoming, string? stored) => incoming == SecretMasker.Masked ? stored : incoming;
}
