using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Destinations;
using IntegrationHub.Families;
using IntegrationHub.Payloads;
using IntegrationHub.Webhooks;

namespace IntegrationHub.Integrations;

/// <summary>
/// Checks an integration before it is stored, so that mistakes surface when it is saved rather
/// than at dispatch: URL and destination, method, action, lab, limits, headers, auth fields, webhook
/// secrets and the payload template. Messages name the field and the rule, never a value.
/// </summary>
public sealed class IntegrationValidator(ILabDirectory labs, IEnumerable<IActionFamily> families, DestinationPolicy destinations, PayloadRenderer renderer)
{
    private static readonly string[] Methods = ["POST", "PUT", "PATCH"];

    /// <summary>Longest URL (the integration's, a token endpoint's), in characters.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Longest name, vendor or reference field, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Most extra headers, or secret query parameters, one integration sends.</summary>
    public const int MaxHeaders = 50;

    /// <summary>Longest header name or query parameter name, in characters.</summary>
    public const int MaxHeaderNameLength = 256;

    /// <summary>Shortest inbound API key accepted: long enough that guessing it is not a way in.</summary>
    public const int MinInboundApiKeyLength = 16;

    public async Task<IReadOnlyList<ValidationProblem>> ValidateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        void Problem(string field, string message) => problems.Add(new ValidationProblem(field, message));

        var action = ActionCatalog.Find((int)integration.ActionId);
        if (action is null)
        {
            Problem("actionId", $"{(int)integration.ActionId} is not an action id; GET /api/actions lists them.");
        }

        if (!await labs.LabExistsAsync(integration.LabId, cancellationToken))
        {
            Problem("labId", $"Lab {integration.LabId} does not exist.");
        }

        if (string.IsNullOrWhiteSpace(integration.Name))
        {
            Problem("name", "A name is required.");
        }

        CheckLength(integration.Name, MaxNameLength, "name", Problem);
        CheckLength(integration.Vendor, MaxNameLength, "vendor", Problem);
        CheckLength(integration.ReferenceField, MaxNameLength, "referenceField", Problem);
        CheckUrl(integration.Url, "url", Problem);
        if (!Methods.Contains(integration.Method, StringComparer.OrdinalIgnoreCase))
        {
            Problem("method", "Must be POST, PUT or PATCH.");
        }

        CheckRange(integration.TimeoutSeconds, 1, 300, "timeoutSeconds", Problem);
        CheckRange(integration.MaxConcurrency, 1, 256, "maxConcurrency", Problem);
        CheckRange(integration.MaxAttempts, 1, 50, "maxAttempts", Problem);
        if (integration.RateLimitPerSecond < 0 || integration.RateLimitPerSecond > 10_000 || double.IsNaN(integration.RateLimitPerSecond))
        {
            Problem("rateLimitPerSecond", "Must be between 0 (no limit) and 10000.");
        }

        CheckHeaders(integration, Problem);
        if (action is not null)
        {
            for (var i = 0; i < integration.Attachments.Count; i++)
            {
                if (!action.Attachments.Contains(integration.Attachments[i]))
                {
                    Problem($"attachments[{i}]", $"Is not an attachment of {action.Name}; it offers: {(action.Attachments.Count == 0 ? "none" : string.Join(", ", action.Attachments))}.");
                }
            }
        }

        CheckAuth(integration.Auth, Problem);
        if (integration.Auth.Kind is AuthKind.OAuth2ClientCredentials or AuthKind.LoginEndpoint)
        {
            CheckUrl(integration.Auth.TokenUrl, "auth.tokenUrl", Problem);
        }

        CheckWebhooks(integration.Webhooks, Problem);
        if (action is not null && families.For(action) is { } family)
        {
            var context = new EventContext { LabId = integration.LabId, ActionId = action.Id, OccurredAt = DateTimeOffset.UnixEpoch, Source = "api" };
            var sample = DeliveryModel.For(family.SampleModel(action.Id), context, integration.Attachments, "sample-delivery-id");
            if (renderer.Validate(integration.Payload, sample) is { } templateProblem)
            {
                Problem(integration.Payload.Format == PayloadFormat.Liquid ? "payload.template" : "payload.contentType", templateProblem);
            }
        }

        return problems;
    }

    private static void CheckRange(int value, int min, int max, string field, Action<string, string> problem)
    {
        if (value < min || value > max)
        {
            problem(field, $"Must be between {min} and {max}.");
        }
    }

    private static void CheckAuth(AuthSettings auth, Action<string, string> problem)
    {
        void Require(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problem($"auth.{field}", $"Required for {auth.Kind} auth.");
            }
        }

        void Safe(string? value, string field)
        {
            if (!HeaderValues.IsSafe(value))
            {
                problem($"auth.{field}", $"Is sent in a header, so it {HeaderValues.Rule}.");
            }
        }

        switch (auth.Kind)
        {
            case AuthKind.Basic:
                Require(auth.Username, "username");
                Require(auth.Password, "password");
                if (auth.Username?.Contains(':', StringComparison.Ordinal) == true)
                {
                    problem("auth.username", "Must not contain ':' (it separates the user from the password in Basic auth).");
                }

                Safe(auth.Username, "username");
                break;
            case AuthKind.Bearer:
                Require(auth.Token, "token");
                Safe(auth.Token, "token");
                break;
            case AuthKind.ApiKey:
                Require(auth.ApiKey, "apiKey");
                Safe(auth.ApiKey, "apiKey");
                if (!string.IsNullOrEmpty(auth.HeaderName) && !IsHeaderName(auth.HeaderName))
                {
                    problem("auth.headerName", "Is not a valid header name.");
                }

                break;
            case AuthKind.OAuth2ClientCredentials:
                Require(auth.ClientId, "clientId");
                Require(auth.ClientSecret, "clientSecret");
                break;
            case AuthKind.LoginEndpoint:
                Require(auth.LoginBody, "loginBody");
                if (!string.IsNullOrWhiteSpace(auth.LoginBody) && !IsJson(auth.LoginBody))
                {
                    problem("auth.loginBody", "Must be a JSON document.");
                }

                break;
        }
    }

    // Messages name the field and the rule, never the value: the value is a secret.
    private static void CheckWebhooks(WebhookSettings webhooks, Action<string, string> problem)
    {
        CheckSecrets(webhooks.SigningSecrets, "webhooks.signingSecrets", problem);
        CheckSecrets(webhooks.InboundSecrets, "webhooks.inboundSecrets", problem);
        if (!string.IsNullOrEmpty(webhooks.InboundApiKey) && webhooks.InboundApiKey.Length < MinInboundApiKeyLength)
        {
            problem("webhooks.inboundApiKey", $"Must be at least {MinInboundApiKeyLength} characters.");
        }
    }

    private static void CheckSecrets(List<string>? secrets, string field, Action<string, string> problem)
    {
        if (secrets is null)
        {
            return;
        }

        if (secrets.Count > WebhookSettings.MaxSecrets)
        {
            problem(field, $"At most {WebhookSettings.MaxSecrets} secrets: the current one and those still valid during a rotation.");
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            if (!WebhookSignature.TryReadKey(secrets[i], out _))
            {
                problem($"{field}[{i}]", $"Must be {WebhookSignature.SecretPrefix} followed by the base64 of 16 to 128 random bytes.");
            }
        }
    }

    private void CheckUrl(string? value, string field, Action<string, string> problem)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(url.Host))
        {
            problem(field, "Must be an absolute http or https URL.");
        }
        else if (value!.Length > MaxUrlLength)
        {
            problem(field, $"At most {MaxUrlLength} characters.");
        }
        else if (destinations.LiteralRefusal(url) is { } refused)
        {
            problem(field, char.ToUpperInvariant(refused[0]) + refused[1..] + ".");
        }
    }

    private static void CheckLength(string? value, int max, string field, Action<string, string> problem)
    {
        if (value is { Length: > 0 } && value.Length > max)
        {
            problem(field, $"At most {max} characters.");
        }
    }

    // Names and values as they go on the wire: a CR or LF in a value would split the request.
    private static void CheckHeaders(LabIntegration integration, Action<string, string> problem)
    {
        var counts = new[] { ("headers", integration.Headers.Count), ("secretHeaders", integration.SecretHeaders.Count), ("secretQuery", integration.SecretQuery.Count) };
        if (counts.FirstOrDefault(c => c.Item2 > MaxHeaders) is ({ } crowded, > 0))
        {
            problem(crowded, $"At most {MaxHeaders} entries.");
            return;
        }

        foreach (var name in integration.Headers.Keys.Concat(integration.SecretHeaders).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!IsHeaderName(name))
            {
                problem("headers", "A header name must be 1 to 256 visible ASCII characters without ':' or spaces.");
                break;
            }
        }

        foreach (var (name, value) in integration.Headers)
        {
            if (!HeaderValues.IsSafe(value))
            {
                problem($"headers.{(IsHeaderName(name) ? name : "?")}", $"A header value {HeaderValues.Rule}.");
            }
        }

        if (integration.Payload.ContentType is { } contentType && !HeaderValues.IsSafe(contentType))
        {
            problem("payload.contentType", $"The content type is a header value, so it {HeaderValues.Rule}.");
        }

        foreach (var (name, value) in integration.SecretQuery)
        {
            if (name.Length is 0 or > MaxHeaderNameLength || value.Length > MaxUrlLength)
            {
                problem("secretQuery", $"Each parameter needs a name of 1 to {MaxHeaderNameLength} characters and a value of at most {MaxUrlLength}.");
                break;
            }
        }
    }

    private static bool IsHeaderName(string name) =>
        name.Length is > 0 and <= MaxHeaderNameLength && name.All(c => c > 32 && c < 127 && c != ':');

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
