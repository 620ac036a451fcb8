using System.Security.Claims;
using IntegrationHub.Access;
using IntegrationHub.Configuration;
using IntegrationHub.Dispatch;
using IntegrationHub.Web.Security;

namespace IntegrationHub.Web.Api;

/// <summary>
/// Secrets are write-only: answers carry a mask where a secret is set, and a mask sent back in an
/// update keeps the stored value (for webhook secret lists, the value stored at the same index).
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

        foreach (var name in copy.SecretQuery.Keys.ToList())
        {
            copy.SecretQuery[name] = MaskIfSet(copy.SecretQuery[name]) ?? "";
        }

        var webhooks = copy.Webhooks;
        webhooks.SigningSecrets = MaskEach(webhooks.SigningSecrets);
        webhooks.InboundSecrets = MaskEach(webhooks.InboundSecrets);
        webhooks.InboundApiKey = MaskIfSet(webhooks.InboundApiKey);
        return copy;
    }

    /// <summary>
    /// What <paramref name="user"/> may see: <see cref="Masked"/>, and for anyone but an admin (who
    /// edits it) the URL with the values of credential-like query parameters masked too.
    /// </summary>
    public static LabIntegration MaskedFor(LabIntegration source, ClaimsPrincipal user)
    {
        var view = Masked(source);
        if (!user.Can(HubRole.Admin))
        {
            view.Url = DeliveryUrl.MaskCredentials(view.Url);
        }

        return view;
    }

    /// <summary>
    /// The answer to a create: masked like <see cref="Masked"/>, except a signing secret the hub
    /// generated, shown in clear in this one answer so the partner can be given it.
    /// </summary>
    public static LabIntegration Created(LabIntegration created, string? generatedSigningSecret)
    {
        var view = Masked(created);
        var at = generatedSigningSecret is null ? -1 : created.Webhooks.SigningSecrets.IndexOf(generatedSigningSecret);
        if (at >= 0)
        {
            view.Webhooks.SigningSecrets[at] = generatedSigningSecret!;
        }

        return view;
    }

    /// <summary>
    /// Keeps stored secrets where the update sends the mask back, but only for the same partner:
    /// the URL's host, the token URL and the auth kind unchanged, and a header still secret.
    /// Otherwise a masked value would carry a secret to a new address (or out of masking), so
    /// the field must be entered again; the answer names each such field. Signing secrets follow
    /// the URL's host alone: kept for a new host, they would let the hub sign, with a key the old
    /// partner trusts, whatever is sent to the new one.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> KeepSecrets(LabIntegration update, LabIntegration stored)
    {
        var problems = new List<ValidationProblem>();
        var samePartner = SameHost(update.Url, stored.Url) && update.Auth.Kind == stored.Auth.Kind
            && string.Equals(update.Auth.TokenUrl ?? "", stored.Auth.TokenUrl ?? "", StringComparison.OrdinalIgnoreCase);
        string? Keep(string field, string? incoming, string? kept)
        {
            if (incoming != SecretMasker.Masked)
            {
                return incoming;
            }

            if (string.IsNullOrEmpty(kept) || samePartner)
            {
                return kept;
            }

            problems.Add(new ValidationProblem(field, ReEnter));
            return null;
        }

        var (a, s) = (update.Auth, stored.Auth);
        a.Password = Keep("auth.password", a.Password, s.Password);
        a.Token = Keep("auth.token", a.Token, s.Token);
        a.ApiKey = Keep("auth.apiKey", a.ApiKey, s.ApiKey);
        a.ClientSecret = Keep("auth.clientSecret", a.ClientSecret, s.ClientSecret);
        a.LoginBody = Keep("auth.loginBody", a.LoginBody, s.LoginBody);
        var stillSecret = SecretMasker.SecretHeaderNames(update);
        foreach (var (name, value) in update.Headers.ToList())
        {
            if (value != SecretMasker.Masked)
            {
                continue;
            }

            if (stored.Headers.TryGetValue(name, out var old) && samePartner && stillSecret.Contains(name))
            {
                update.Headers[name] = old;
            }
            else
            {
                problems.Add(new ValidationProblem($"headers.{name}", ReEnter + " The header must also stay listed in secretHeaders."));
            }
        }

        foreach (var (name, value) in update.SecretQuery.ToList())
        {
            if (value != SecretMasker.Masked)
            {
                continue;
            }

            if (stored.SecretQuery.TryGetValue(name, out var old) && samePartner)
            {
                update.SecretQuery[name] = old;
            }
            else
            {
                problems.Add(new ValidationProblem($"secretQuery.{name}", ReEnter));
            }
        }

        if (SameHost(update.Url, stored.Url))
        {
            KeepEach(update.Webhooks.SigningSecrets, stored.Webhooks.SigningSecrets, "webhooks.signingSecrets", problems);
        }
        else if (update.Webhooks.SigningSecrets.Contains(SecretMasker.Masked))
        {
            problems.Add(new ValidationProblem("webhooks.signingSecrets", "Enter the signing secrets again (an empty list stops signing): stored signing secrets are kept only while the URL's host stays the same."));
        }

        KeepEach(update.Webhooks.InboundSecrets, stored.Webhooks.InboundSecrets, "webhooks.inboundSecrets", problems);
        update.Webhooks.InboundApiKey = KeepStored(update.Webhooks.InboundApiKey, stored.Webhooks.InboundApiKey);
        return problems;
    }

    /// <summary>
    /// A mask at index i keeps the stored secret at index i. Webhook secrets are keys, never sent
    /// anywhere; inbound ones are kept whatever the URL or auth becomes.
    /// </summary>
    private static void KeepEach(List<string> incoming, List<string> kept, string field, List<ValidationProblem> problems)
    {
        for (var i = 0; i < incoming.Count; i++)
        {
            if (incoming[i] != SecretMasker.Masked)
            {
                continue;
            }

            if (i < kept.Count && !string.IsNullOrEmpty(kept[i]))
            {
                incoming[i] = kept[i];
            }
            else
            {
                problems.Add(new ValidationProblem($"{field}[{i}]", $"No secret is stored at position {i}; a mask keeps the secret stored at its own position. Enter the secret itself."));
            }
        }
    }

    private const string ReEnter = "Enter this secret again: a stored secret is kept only while the URL's host, the token URL and the auth kind stay the same.";

    private static bool SameHost(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y)
        && string.Equals(x.Scheme, y.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Authority, y.Authority, StringComparison.OrdinalIgnoreCase);

    private static string? MaskIfSet(string? value) => string.IsNullOrEmpty(value) ? value : SecretMasker.Masked;

    // Index for index, so a mask sent back lines up with the secret it stands for.
    private static List<string> MaskEach(List<string> values) => [.. values.Select(v => string.IsNullOrEmpty(v) ? "" : SecretMasker.Masked)];

    private static string? KeepStored(string? incoming, string? stored) => incoming == SecretMasker.Masked ? stored : incoming;
}
