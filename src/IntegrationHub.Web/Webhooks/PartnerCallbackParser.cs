using System.Text.Json;
using IntegrationHub.Configuration;
using IntegrationHub.Logging;
using IntegrationHub.Webhooks;

namespace IntegrationHub.Web.Webhooks;

/// <summary>Reads a callback body that has already been verified; every refusal names the field at fault.</summary>
internal static class PartnerCallbackParser
{
    private const int MaxTextLength = 2000;

    public static PartnerCallback? Parse(ReadOnlySpan<byte> body, out ValidationProblem? problem)
    {
        problem = null;
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            problem = new ValidationProblem("body", "The body is not valid UTF-8.");
            return null;
        }

        JsonDocument document;
        try
        {
            // Parse, not ParseValue: content after the object is refused too.
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            problem = new ValidationProblem("body", $"The body is not valid JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = new ValidationProblem("body", "The body must be a JSON object.");
                return null;
            }

            var status = Text(root, "status", ref problem)?.ToLowerInvariant() switch
            {
                "acked" => AcknowledgementStatus.Acked,
                "rejected" => AcknowledgementStatus.Rejected,
                _ => (AcknowledgementStatus?)null,
            };
            var deliveryId = Text(root, "deliveryId", ref problem);
            var reference = Text(root, "reference", ref problem);
            var reason = Text(root, "reason", ref problem);
            var occurredText = Text(root, "occurredAt", ref problem);
            if (problem is not null)
            {
                return null;
            }

            if (status is null)
            {
                problem = new ValidationProblem("status", "Give status \"acked\" or \"rejected\".");
                return null;
            }

            string? logId = null;
            if (deliveryId is not null)
            {
                if (!WebhookSignature.TryReadLogId(deliveryId, out var named))
                {
                    problem = new ValidationProblem("deliveryId", "deliveryId must be the webhook-id the hub sent with the delivery (msg_ followed by the delivery's id).");
                    return null;
                }

                logId = named;
            }

            if (logId is null && string.IsNullOrWhiteSpace(reference))
            {
                problem = new ValidationProblem("deliveryId", "Name the delivery: give deliveryId (the webhook-id the hub sent) or reference (your id for what you received).");
                return null;
            }

            DateTimeOffset? occurredAt = null;
            if (occurredText is not null)
            {
                if (!DateTimeOffset.TryParse(occurredText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    problem = new ValidationProblem("occurredAt", "occurredAt must be an ISO 8601 date and time.");
                    return null;
                }

                occurredAt = parsed;
            }

            return new PartnerCallback(status.Value, logId, string.IsNullOrWhiteSpace(reference) ? null : reference, reason, occurredAt);
        }
    }

    /// <summary>An optional string property: absent or null is null; another type, or too long, is a problem.</summary>
    private static string? Text(JsonElement root, string name, ref ValidationProblem? problem)
    {
        if (problem is not null || !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem = new ValidationProblem(name, $"{name} must be a string.");
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but no text.
            problem = new ValidationProblem(name, $"{name} holds an escaped character that is not text (a lone surrogate).");
            return null;
        }

        if (text.Length > MaxTextLength)
        {
            problem = new ValidationProblem(name, $"{name} is longer than {MaxTextLength} characters.");
            return null;
        }

        return text;
    }
}
