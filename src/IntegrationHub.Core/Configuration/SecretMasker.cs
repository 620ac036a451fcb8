
namespace IntegrationHub.Configuration;

/// <summary>Masks credentials wherever headers are recorded: logs, API answers, the dashboard.</summary>
public static class SecretMasker
{
    /// <summary>What a secret value is replaced by.</summary>
    public const string Masked = "********";

    private static readonly HashSet<string> AlwaysSecret = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key", "X-Auth-Token", "RequestVerificationToken",
    };

    /// <summary>Header names secret for this integration: the usual ones, its configured secret headers and its API-key header.</summary>
    public static HashSet<string> SecretHeaderNames(LabIntegration integration)
    {
        var names = new HashSet<string>(AlwaysSecret, StringComparer.OrdinalIgnoreCase);
        names.UnionWith(integration.SecretHeaders);
        if (!string.IsNullOrEmpty(integration.Auth.HeaderName))
        {
            names.Add(integration.Auth.HeaderName);
        }

        return names;
    }

    /// <summary>Whether a header name is secret everywhere, whatever the integration.</summary>
    public static bool IsAlwaysSecret(string headerName) => AlwaysSecret.Contains(headerName);

    /// <summary>
    /// Copies headers with secret values masked: the names in <paramref name="secretNames"/> and,
    /// whatever the caller passes, the always-secret ones. An auth scheme name stays readable.
    /// </summary>
    public static Dictionary<string, string> MaskHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, ISet<string> secretNames)
    {
        var masked = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            var value = string.Join(", ", values);
            masked[name] = secretNames.Contains(name) || AlwaysSecret.Contains(name) ? MaskValue(value) : value;
        }

        return masked;
    }

    /// <summary>Request and content headers of a message, masked.</summary>
    public static Dictionary<string, string> MaskHeaders(HttpRequestMessage request, ISet<string> secretNames)
    {
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = request.Headers;
        if (request.Content is not null)
        {
            all = all.Concat(request.Content.Headers);
        }

        return MaskHeaders(all, secretNames);
    }

    /// <summary>Response and content headers of a message, masked.</summary>
    public static Dictionary<string, string> MaskHeaders(HttpResponseMessage response, ISet<string> secretNames) =>
        MaskHeaders(response.Headers.Concat<KeyValuePair<string, IEnumerable<string>>>(response.Content.Headers), secretNames);

    private static string MaskValue(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && space < 20 ? value[..space] + " " + Masked : Masked;
    }
}
