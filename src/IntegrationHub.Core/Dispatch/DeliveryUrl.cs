using IntegrationHub.Configuration;

namespace IntegrationHub.Dispatch;

/// <summary>
/// The URL a delivery goes to (the integration's URL with its secret query parameters) and the form
/// it is recorded in: secret parameters masked, and so is any parameter named like a credential.
/// </summary>
public static class DeliveryUrl
{
    // Query parameters that carry credentials by convention; their values are masked wherever a URL is shown or logged.
    private static readonly HashSet<string> CredentialNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "apikey", "api_key", "api-key", "key", "token", "access_token", "auth", "password", "pwd", "secret", "client_secret", "sig", "signature", "code",
    };

    /// <summary>The URL to send to.</summary>
    public static string ToSend(LabIntegration integration) =>
        Append(integration.Url, integration.SecretQuery.Select(p => (p.Key, Uri.EscapeDataString(p.Value))));

    /// <summary>The URL as logs and views show it.</summary>
    public static string ToShow(LabIntegration integration) =>
        MaskCredentials(Append(integration.Url, integration.SecretQuery.Keys.Select(k => (k, SecretMasker.Masked))));

    /// <summary><paramref name="url"/> with the values of credential-like query parameters masked.</summary>
    public static string MaskCredentials(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return url;
        }

        var hash = url.IndexOf('#', question);
        var query = hash < 0 ? url[(question + 1)..] : url[(question + 1)..hash];
        var pairs = query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            return equals >= 0 && CredentialNames.Contains(Uri.UnescapeDataString(name)) ? name + "=" + SecretMasker.Masked : pair;
        });
        return url[..(question + 1)] + string.Join('&', pairs) + (hash < 0 ? "" : url[hash..]);
    }

    private static string Append(string url, IEnumerable<(string Name, string Value)> parameters)
    {
        var list = parameters.ToList();
        if (list.Count == 0)
        {
            return url;
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var (head, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
        var separator = !head.Contains('?', StringComparison.Ordinal) ? "?" : head.EndsWith('?') || head.EndsWith('&') ? "" : "&";
        return head + separator + string.Join('&', list.Select(p => Uri.EscapeDataString(p.Name) + "=" + p.Value)) + fragment;
    }
}
