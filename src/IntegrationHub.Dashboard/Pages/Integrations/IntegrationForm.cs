using System.Globalization;
using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Dashboard.Pages.Integrations;

/// <summary>
/// The integration editor's fields. Secrets are write-only: the form never carries a stored
/// secret back to the browser; an empty secret field keeps what is stored.
/// </summary>
public sealed class IntegrationForm
{
    public long LabId { get; set; }

    public int ActionId { get; set; } = (int)Actions.ActionId.PatientRegistration;

    public string Name { get; set; } = "";

    public string Vendor { get; set; } = "";

    public string Url { get; set; } = "";

    public string Method { get; set; } = "POST";

    public bool Active { get; set; } = true;

    public int TimeoutSeconds { get; set; } = 30;

    public int MaxConcurrency { get; set; } = 4;

    public double RateLimitPerSecond { get; set; }

    public int MaxAttempts { get; set; } = 5;

    public string? ReferenceField { get; set; }

    /// <summary>Comma-separated attachment names.</summary>
    public string? Attachments { get; set; }

    /// <summary>One <c>Name: value</c> per line; secret values show as the mask and a mask keeps the stored value.</summary>
    public string? Headers { get; set; }

    /// <summary>Comma-separated names of headers whose values are secret.</summary>
    public string? SecretHeaders { get; set; }

    /// <summary>One <c>name: value</c> per line, added to the URL's query when sending; every value is secret and shows as the mask.</summary>
    public string? SecretQuery { get; set; }

    public AuthKind AuthKind { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }

    public string? HeaderName { get; set; }

    public string? ApiKey { get; set; }

    public string? TokenUrl { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? Scope { get; set; }

    public string? LoginBody { get; set; }

    public string? TokenField { get; set; }

    public string? ExpiresInField { get; set; }

    /// <summary>Signing secrets, one per line (see <see cref="SecretLines"/>). Empty on create: one is generated.</summary>
    public string? SigningSecrets { get; set; }

    /// <summary>Secrets the partner signs its callbacks with, one per line (see <see cref="SecretLines"/>).</summary>
    public string? InboundSecrets { get; set; }

    public string? InboundApiKey { get; set; }

    public PayloadFormat PayloadFormat { get; set; }

    public string? Template { get; set; }

    public string ContentType { get; set; } = "application/json";

    /// <summary>Which secrets are stored, to say so next to the empty fields.</summary>
    public HashSet<string> StoredSecrets { get; } = [];

    public static IntegrationForm From(LabIntegration source)
    {
        var masked = IntegrationView.Masked(source);
        var form = new IntegrationForm
        {
            LabId = source.LabId,
            ActionId = (int)source.ActionId,
            Name = source.Name,
            Vendor = source.Vendor,
            Url = source.Url,
            Method = source.Method,
            Active = source.Active,
            TimeoutSeconds = source.TimeoutSeconds,
            MaxConcurrency = source.MaxConcurrency,
            RateLimitPerSecond = source.RateLimitPerSecond,
            MaxAttempts = source.MaxAttempts,
            ReferenceField = source.ReferenceField,
            Attachments = string.Join(", ", source.Attachments),
            Headers = string.Join('\n', masked.Headers.Select(h => $"{h.Key}: {h.Value}")),
            SecretHeaders = string.Join(", ", source.SecretHeaders),
            SecretQuery = string.Join('\n', masked.SecretQuery.Select(p => $"{p.Key}: {p.Value}")),
            AuthKind = source.Auth.Kind,
            Username = source.Auth.Username,
            HeaderName = source.Auth.HeaderName,
            TokenUrl = source.Auth.TokenUrl,
            ClientId = source.Auth.ClientId,
            Scope = source.Auth.Scope,
            TokenField = source.Auth.TokenField,
            ExpiresInField = source.Auth.ExpiresInField,
            PayloadFormat = source.Payload.Format,
            Template = source.Payload.Template,
            ContentType = source.Payload.ContentType,
            SigningSecrets = SecretLines.Saved(source.Webhooks.SigningSecrets.Count),
            InboundSecrets = SecretLines.Saved(source.Webhooks.InboundSecrets.Count),
        };
        var auth = source.Auth;
        foreach (var (name, value) in new[] { ("Password", auth.Password), ("Token", auth.Token), ("ApiKey", auth.ApiKey), ("ClientSecret", auth.ClientSecret), ("LoginBody", auth.LoginBody), ("InboundApiKey", source.Webhooks.InboundApiKey) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                form.StoredSecrets.Add(name);
            }
        }

        return form;
    }

    /// <summary>
    /// The integration this form describes; <paramref name="editing"/> turns empty secrets into "keep stored",
    /// and lines standing for saved webhook secrets take them from <paramref name="saved"/>.
    /// </summary>
    public (LabIntegration? Integration, ValidationProblem? Problem) ToIntegration(bool editing, WebhookSettings? saved = null)
    {
        var (headers, headerProblem) = Lines(Headers, "headers", StringComparer.OrdinalIgnoreCase);
        var (secretQuery, queryProblem) = Lines(SecretQuery, "secretQuery", StringComparer.Ordinal);
        if ((headerProblem ?? queryProblem) is { } lineProblem)
        {
            return (null, lineProblem);
        }

        saved ??= new WebhookSettings();
        var (signing, signingProblem) = SecretLines.Resolve(SigningSecrets, saved.SigningSecrets, "webhooks.signingSecrets");
        var (inbound, inboundProblem) = SecretLines.Resolve(InboundSecrets, saved.InboundSecrets, "webhooks.inboundSecrets");
        if ((signingProblem ?? inboundProblem) is { } problem)
        {
            return (null, problem);
        }

        string? Secret(string? value) => string.IsNullOrEmpty(value) ? (editing ? SecretMasker.Masked : null) : value;
        return (new LabIntegration
        {
            LabId = LabId,
            ActionId = (ActionId)ActionId,
            // An empty input binds as null, whatever the property's initial value.
            Name = (Name ?? "").Trim(),
            Vendor = (Vendor ?? "").Trim(),
            Url = (Url ?? "").Trim(),
            Method = (Method ?? "POST").Trim().ToUpperInvariant(),
            Active = Active,
            TimeoutSeconds = TimeoutSeconds,
            MaxConcurrency = MaxConcurrency,
            RateLimitPerSecond = RateLimitPerSecond,
            MaxAttempts = MaxAttempts,
            ReferenceField = string.IsNullOrWhiteSpace(ReferenceField) ? null : ReferenceField.Trim(),
            Attachments = List(Attachments),
            Headers = headers,
            SecretHeaders = List(SecretHeaders),
            SecretQuery = secretQuery,
            Auth = new AuthSettings
            {
                Kind = AuthKind,
                Username = Blank(Username),
                Password = Secret(Password),
                Token = Secret(Token),
                HeaderName = Blank(HeaderName),
                ApiKey = Secret(ApiKey),
                TokenUrl = Blank(TokenUrl),
                ClientId = Blank(ClientId),
                ClientSecret = Secret(ClientSecret),
                Scope = Blank(Scope),
                LoginBody = Secret(LoginBody),
                TokenField = Blank(TokenField),
                ExpiresInField = Blank(ExpiresInField),
            },
            Payload = new PayloadSettings
            {
                Format = PayloadFormat,
                Template = string.IsNullOrWhiteSpace(Template) ? null : Template,
                ContentType = string.IsNullOrWhiteSpace(ContentType) ? "application/json" : ContentType.Trim(),
            },
            Webhooks = new WebhookSettings { SigningSecrets = signing, InboundSecrets = inbound, InboundApiKey = Secret(InboundApiKey) },
        }, null);
    }

    /// <summary>Drops every secret typed into the form, so a failed save never sends one back to the browser.</summary>
    public void ForgetTypedSecrets()
    {
        SigningSecrets = SecretLines.WithoutTypedSecrets(SigningSecrets);
        InboundSecrets = SecretLines.WithoutTypedSecrets(InboundSecrets);
        Headers = WithSecretHeadersMasked(Headers, List(SecretHeaders));
        SecretQuery = SecretQuery is null ? null : string.Join('\n', SecretQuery.Split('\n').Select(line =>
            line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? $"{line[..colon].Trim()}: {SecretMasker.Masked}" : line));
    }

    // "Name: value" lines; the value may itself hold ':'.
    private static (Dictionary<string, string> Entries, ValidationProblem? Problem) Lines(string? text, string field, StringComparer comparer)
    {
        var entries = new Dictionary<string, string>(comparer);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return (entries, new ValidationProblem(field, "Each line must look like 'name: value'."));
            }

            entries[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return (entries, null);
    }

    /// <summary>
    /// Header lines as typed, except the values of secret ones (listed, or secret everywhere), which
    /// become the mask: saved again, a mask keeps the stored value or is refused by name.
    /// </summary>
    private static string? WithSecretHeadersMasked(string? headers, List<string> secretNames) =>
        headers is null ? null : string.Join('\n', headers.Split('\n').Select(line =>
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon].Trim() : "";
            return name.Length > 0 && (SecretMasker.IsAlwaysSecret(name) || secretNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                ? $"{name}: {SecretMasker.Masked}"
                : line;
        }));

    public static string Rate(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<string> List(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
