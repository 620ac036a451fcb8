using IntegrationHub.Actions;
using IntegrationHub.Payloads;
using IntegrationHub.Trigger;
using IntegrationHub.Webhooks;

namespace IntegrationHub.Configuration;

/// <summary>
/// Checks an integration before it is stored, so that mistakes surface when it is saved rather
/// than at dispatch: URL, method, action, lab, limits, auth fields, webhook secrets and the payload template.
/// </summary>
public sealed class IntegrationValidator(ILabDirectory labs, IEnumerable<IActionFamily> families)
{
    private static readonly string[] Methods = ["POST", "PUT", "PATCH"];

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

        if (!Uri.TryCreate(integration.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(url.Host))
        {
            Problem("url", "Must be an absolute http or https URL.");
        }

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

        foreach (var name in integration.Headers.Keys.Concat(integration.SecretHeaders))
        {
            if (name.Length == 0 || !name.All(c => c > 32 && c < 127 && c != ':'))
            {
                Problem("headers", $"'{name}' is not a valid header name.");
            }
        }

        if (action is not null)
        {
            foreach (var attachment in integration.Attachments.Where(a => !action.Attachments.Contains(a)))
            {
                Problem("attachments", $"'{attachment}' is not an attachment of {action.Name}; it offers: {(action.Attachments.Count == 0 ? "none" : string.Join(", ", action.Attachments))}.");
            }
        }

        CheckAuth(integration.Auth, Problem);
        CheckWebhooks(integration.Webhooks, Problem);
        if (action is not null && families.For(action) is { } family)
        {
            var context = new EventContext { LabId = integration.LabId, ActionId = action.Id, OccurredAt = DateTimeOffset.UnixEpoch, Source = "api" };
            var sample = DeliveryModel.For(family.SampleModel(action.Id), context, integration.Attachments, "sample-delivery-id");
            if (PayloadRenderer.Validate(integration.Payload, sample) is { } templateProblem)
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

        switch (auth.Kind)
        {
            case AuthKind.Basic:
                Require(auth.Username, "username");
                Require(auth.Password, "password");
                break;
            case AuthKind.Bearer:
                Require(auth.Token, "token");
                break;
            case AuthKind.ApiKey:
                Require(auth.ApiKey, "apiKey");
                break;
            case AuthKind.OAuth2ClientCredentials:
                Require(auth.ClientId, "clientId");
                Require(auth.ClientSecret, "clientSecret");
                RequireUrl(auth.TokenUrl, problem);
                break;
            case AuthKind.LoginEndpoint:
                RequireUrl(auth.TokenUrl, problem);
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

    private static void RequireUrl(string? value, Action<string, string> problem)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problem("auth.tokenUrl", "Must be an absolute http or https URL.");
        }
    }

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
