using System.Text;
using System.Text.Json;

namespace IntegrationHub.Configuration;

/// <summary>
/// Removes an integration's secrets from what a partner says back before it is logged: a partner
/// that echoes the request (a 401 page quoting the Authorization header, a debug body) must not put
/// a password, key or token into the directory. Knows the configured secrets, the values actually
/// sent in secret headers (fetched tokens included) and their usual encodings.
/// </summary>
public sealed class SecretScrubber
{
    /// <summary>Values shorter than this are not scrubbed: too likely to occur by chance, too short to be worth stealing.</summary>
    private const int MinSecretLength = 6;

    private readonly string[] _secrets;

    private SecretScrubber(IEnumerable<string> secrets) =>
        _secrets = [.. secrets.Where(s => s.Length >= MinSecretLength).SelectMany(Encodings).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>The secrets of <paramref name="integration"/> and of the headers of <paramref name="sent"/> whose names are secret.</summary>
    public static SecretScrubber For(LabIntegration integration, HttpRequestMessage? sent, ISet<string> secretHeaderNames)
    {
        var secrets = new List<string>();
        var auth = integration.Auth;
        secrets.AddRange(new[] { auth.Password, auth.Token, auth.ApiKey, auth.ClientSecret }.OfType<string>());
        secrets.AddRange(LoginBodyValues(auth.LoginBody));
        secrets.AddRange(integration.Headers.Where(h => secretHeaderNames.Contains(h.Key)).Select(h => h.Value));
        secrets.AddRange(integration.SecretQuery.Values);
        if (sent is not null)
        {
            foreach (var (name, values) in sent.Headers)
            {
                if (secretHeaderNames.Contains(name) || SecretMasker.IsAlwaysSecret(name))
                {
                    // "Bearer abc": the credential, not the scheme.
                    secrets.AddRange(values.Select(v => v.IndexOf(' ', StringComparison.Ordinal) is > 0 and < 20 and var space ? v[(space + 1)..] : v));
                }
            }
        }

        return new SecretScrubber(secrets);
    }

    /// <summary><paramref name="text"/> with every known secret replaced by the mask.</summary>
    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text) || _secrets.Length == 0)
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, SecretMasker.Masked, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Header values scrubbed.</summary>
    public Dictionary<string, string> Scrub(IReadOnlyDictionary<string, string> headers) =>
        headers.ToDictionary(h => h.Key, h => Scrub(h.Value) ?? "", StringComparer.OrdinalIgnoreCase);

    // The forms a partner is likely to echo: as is, URL-encoded, JSON-escaped, base64 (Basic credentials are).
    private static IEnumerable<string> Encodings(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        yield return JsonEncodedText.Encode(secret).ToString();
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
    }

    private static List<string> LoginBodyValues(string? loginBody)
    {
        if (string.IsNullOrWhiteSpace(loginBody))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(loginBody);
            var values = new List<string>();
            Collect(document.RootElement, values);
            return values;
        }
        catch (JsonException)
        {
            return [loginBody];
        }
    }

    private static void Collect(JsonElement element, List<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, values);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, values);
                }

                break;
            case JsonValueKind.String:
                values.Add(element.GetString() ?? "");
                break;
        }
    }
}
