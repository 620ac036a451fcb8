using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using IntegrationHub.Configuration;

namespace IntegrationHub.Payloads;

/// <summary>
/// Turns a <see cref="PayloadModel"/> into one integration's request body: the canonical JSON
/// document, or the integration's Liquid template rendered by Fluid over the same model.
/// </summary>
public sealed class PayloadRenderer
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions LenientOptions = new();
    private static readonly TemplateOptions StrictOptions = new() { StrictVariables = true, StrictFilters = true };
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);

    /// <summary>Renders the body an integration receives for this model.</summary>
    public RenderedPayload Render(PayloadSettings settings, PayloadModel model)
    {
        if (settings.Format == PayloadFormat.CanonicalJson)
        {
            return new RenderedPayload(settings.ContentType, model.Root.ToJsonString(HubJson.Options));
        }

        var template = _templates.GetOrAdd(settings.Template ?? "", Parse);
        var body = template.Render(new TemplateContext(ToFluidModel(model.Root), LenientOptions));
        return new RenderedPayload(settings.ContentType, body);
    }

    /// <summary>
    /// Checks a payload configuration when it is saved: the template parses, renders over a sample
    /// model with strict variables and filters, and, for a JSON content type, renders valid JSON.
    /// Returns the problem, or null when there is none.
    /// </summary>
    public static string? Validate(PayloadSettings settings, PayloadModel sample)
    {
        if (string.IsNullOrWhiteSpace(settings.ContentType))
        {
            return "a content type is required";
        }

        if (settings.Format == PayloadFormat.CanonicalJson)
        {
            return IsJson(settings.ContentType) ? null : "the canonical format is JSON: use content type application/json or a Liquid template";
        }

        if (string.IsNullOrWhiteSpace(settings.Template))
        {
            return "a Liquid template is required when the format is Liquid";
        }

        if (!Parser.TryParse(settings.Template, out var template, out var error))
        {
            return $"the template does not parse: {error}";
        }

        string body;
        try
        {
            body = template.Render(new TemplateContext(ToFluidModel(sample.Root), StrictOptions));
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ParseException or ArgumentException)
        {
            return $"the template does not render over the sample model ({e.Message}); it may use only these variables: {Describe(sample.Root)}";
        }

        if (IsJson(settings.ContentType))
        {
            try
            {
                using var _ = JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                return $"the content type is JSON but the template renders invalid JSON over the sample model: {e.Message}";
            }
        }

        return null;
    }

    // "lab.{id, name}, patient.{id, mrn, ...}": what a template author may use.
    private static string Describe(JsonObject root) => string.Join("; ", root.Select(p => p.Value is JsonObject child
        ? $"{p.Key}.{{{string.Join(", ", child.Select(c => c.Key))}}}"
        : p.Key));

    private static bool IsJson(string contentType) =>
        contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static IFluidTemplate Parse(string source) =>
        Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Template does not parse: {error}");

    // Fluid reads dictionaries and lists natively; JsonNode is converted once per render.
    private static object? ToFluidModel(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToFluidModel(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(ToFluidModel).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString()),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ParseNumber(value.ToJsonString()),
            _ => null,
        },
        _ => null,
    };

    private static object ParseNumber(string json) =>
        long.TryParse(json, System.Globalization.CultureInfo.InvariantCulture, out var whole)
            ? whole
            : decimal.Parse(json, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}
